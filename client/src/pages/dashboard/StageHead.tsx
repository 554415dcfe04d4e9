// The head row of the dashboard's small per-stage tables: an empty corner, then 签约 · 开工 · 完工.

import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useTranslation } from "react-i18next";

export function StageHead() {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th />
        {RECORDED_STAGES.map((stage) => (
          <th key={stage}>{t(`stage.${stage}`)}</th>
        ))}
      </tr>
    </thead>
  );
}
