import type { BuildingStage } from "@jiati/shared";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";

const COLORS: Record<BuildingStage, string> = {
  planned: "default",
  signed: "processing",
  started: "blue",
  completed: "success",
};

/** A building's current stage (or 已撤销 when withdrawn). */
export function StageTag({ stage, withdrawn }: { stage: BuildingStage; withdrawn?: boolean }) {
  const { t } = useTranslation();
  if (withdrawn) return <Tag color="default">{t("building.withdrawnTag")}</Tag>;
  return <Tag color={COLORS[stage]}>{t(`stageNow.${stage}`)}</Tag>;
}
