// The allocation tab's data: the year's saved targets, the previous year's (to copy or to weigh by) and the
// areas, the draft being edited (which follows the server until the user starts editing), and saving or
// discarding it. Copying and distributing only change the draft: the one save (PUT /api/targets) writes and
// audits them like typed values.

import type { RecordedStage } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { App } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { areasQuery } from "../../api/structure";
import { targetsQuery, usePutTargets } from "../../api/targets";
import { useErrorMessage } from "../../components/useErrorMessage";
import {
  type AreaShare,
  type Draft,
  draftChanges,
  draftCopiedFrom,
  draftDistributed,
  draftFrom,
  withTarget,
} from "./allocation";

/** One stage's town figure and its shares, as the distribution dialog applies them. */
export interface StageDistribution {
  stage: RecordedStage;
  total: number;
  shares: AreaShare[];
}

export function useTargetDraft(year: number, editable: boolean) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const targets = useQuery(targetsQuery(year));
  const previous = useQuery({ ...targetsQuery(year - 1), enabled: editable });
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
  // Only once this year's targets are in: before, the draft is the last year's shown or nothing.
  const changes = targets.data?.year === year ? draftChanges(draft, saved) : [];
  const edit = (change: (prev: Draft) => Draft) => {
    setDirty(true);
    setDraft(change);
  };
  const set = (key: string, stage: RecordedStage, value: number | null) =>
    edit((prev) => withTarget(prev, key, stage, value));
  const areaIds = (areas.data ?? []).map((area) => area.id);
  /** Fills the draft from last year's saved targets; false when last year has none. */
  const copyLastYear = (): boolean => {
    const last = previous.data;
    if (!last || (last.areas.length === 0 && Object.values(last.town).every((value) => value == null))) return false;
    edit((prev) => draftCopiedFrom(prev, last, areaIds));
    return true;
  };
  const distribute = (distributions: readonly StageDistribution[]) =>
    edit((prev) =>
      distributions.reduce((next, { stage, total, shares }) => draftDistributed(next, stage, total, shares), prev),
    );
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
  return {
    targets,
    previous,
    areas,
    draft,
    changes,
    set,
    copyLastYear,
    distribute,
    discard,
    save,
    saving: put.isPending,
  };
}
