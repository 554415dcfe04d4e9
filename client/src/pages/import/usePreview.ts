// The data behind an import preview: its rows and errors, read a page at a time from the stored preview
// (however long the file), and the commit with its reason.

import type { ImportPreview, ImportRowFilter } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { Form } from "antd";
import { useMemo, useState } from "react";
import { importErrorsQuery, importRowsQuery, useCommitImport } from "../../api/ledger";
import { errorsByRow, firstFilter, isReuploadable, reasonError } from "./preview";

export const ROWS_PER_PAGE = 50;
export const ERRORS_PER_PAGE = 20;

/** The page of rows under the chosen filter, with their errors by row. */
export function usePreviewRows(preview: ImportPreview) {
  const [filter, setFilter] = useState<ImportRowFilter>(firstFilter(preview.counts));
  const [page, setPage] = useState(1);
  const query = useQuery(importRowsQuery(preview.token, filter, (page - 1) * ROWS_PER_PAGE, ROWS_PER_PAGE));
  const errors = useMemo(() => errorsByRow(query.data?.errors ?? []), [query.data]);
  const chooseFilter = (next: ImportRowFilter) => {
    setFilter(next);
    setPage(1);
  };
  return { filter, chooseFilter, page, setPage, query, errorsByRow: errors };
}

/** The page of the preview's errors on screen (none are read when there are none). */
export function usePreviewErrors(preview: ImportPreview) {
  const [page, setPage] = useState(1);
  const query = useQuery({
    ...importErrorsQuery(preview.token, (page - 1) * ERRORS_PER_PAGE, ERRORS_PER_PAGE),
    enabled: preview.counts.errors > 0,
  });
  return { page, setPage, query };
}

/** The commit: asks for the reason when the preview needs one, and puts a refused reason on its field. */
export function usePreviewCommit(preview: ImportPreview) {
  const commit = useCommitImport();
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    const { reason } = preview.needsReason ? await form.validateFields() : { reason: "" };
    commit.mutate(
      { token: preview.token, reason: reason?.trim() || undefined },
      {
        onError: (error) => {
          const message = reasonError(error);
          if (message) form.setFields([{ name: "reason", errors: [message] }]);
        },
      },
    );
  };
  return { form, submit, commit, reuploadable: isReuploadable(commit.error) };
}
