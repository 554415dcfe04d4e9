// The allocation tab's data: the year's saved targets and the areas, the draft being edited (which follows
// the server until the user starts typing), and saving or discarding it.

import type { RecordedStage } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { App } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { areasQuery } from "../../api/structure";
import { targetsQuery, usePutTargets } from "../../api/targets";
import { useErrorMessage } from "../../components/useErrorMessage";
import { type Draft, draftChanges, draftFrom, withTarget } from "./allocation";

export function useTargetDraft(year: number) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const targets = useQuery(targetsQuery(year));
  const areas = useQuery(areasQuery());
  const put = usePutTargets();
  const [draft, setDraft] = useState<Draft>({});
  const [dirty, setDirty] = useState(false);

  // Follow the server (another user's save, a new year) unless the user is in the middle of editing.
  useEffect(() => {
    if (targets.data && !dirty) setDraft(draftFrom(targets.data));
  }, [targets.data, dirty]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new year discards the draft.
  useEffect(() => setDirty(false), [year]);

  const saved = useMemo(() => (targets.data ? draftFrom(targets.data) : {}), [targets.data]);
  const changes = draftChanges(draft, saved);
  const set = (key: string, stage: RecordedStage, value: number | null) => {
    setDirty(true);
    setDraft((prev) => withTarget(prev, key, stage, value));
  };
  const discard = () => {
    setDraft(saved);
    setDirty(false);
  };
  const save = () =>
    put.mutate(
      { year, targets: changes },
      {
        onSuccess: () => {
          setDirty(false);
          message.success(t("targets.saved"));
        },
        onError: (error) => message.error(errorMessage(error)),
      },
    );
  return { targets, areas, draft, changes, set, discard, save, saving: put.isPending };
}
