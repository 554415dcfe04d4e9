// Targets and responsibility: the year's town targets and their allocation to areas (flagged when the
// areas do not add up), each area's target letter, and — for the task force — the zones and areas. From
// 1 October the year menu offers next year too, to draft its targets and letters.

import { useQuery } from "@tanstack/react-query";
import { Space, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { sessionQuery } from "../../api/session";
import { YearSelect } from "../../components/YearSelect";
import { isTaskforce } from "../../lib/roles";
import { useYear } from "../../lib/useYear";
import { AllocationTab } from "./AllocationTab";
import { LettersTab } from "./LettersTab";
import { StructureTab } from "./StructureTab";

const TABS = ["allocation", "letters", "structure"] as const;
type Tab = (typeof TABS)[number];

export function TargetsPage() {
  const { t } = useTranslation();
  const [year, setYear] = useYear("planning");
  const [params, setParams] = useSearchParams();
  const { data: user } = useQuery(sessionQuery);
  const editable = isTaskforce(user);
  const requested = params.get("tab") as Tab | null;
  const tab: Tab =
    requested && TABS.includes(requested) && (requested !== "structure" || editable) ? requested : "allocation";

  const items = [
    {
      key: "allocation",
      label: t("targets.allocationTab"),
      children: <AllocationTab year={year} editable={editable} />,
    },
    { key: "letters", label: t("targets.lettersTab"), children: <LettersTab year={year} editable={editable} /> },
    ...(editable ? [{ key: "structure", label: t("targets.structureTab"), children: <StructureTab /> }] : []),
  ];

  return (
    <div className="page" data-testid="targets-page">
      <div className="page-head">
        <Typography.Title level={1} className="page-title">
          {t("targets.title")}
        </Typography.Title>
        <Space wrap>{tab !== "structure" && <YearSelect value={year} onChange={setYear} scope="planning" />}</Space>
      </div>
      {!editable && (
        <Typography.Paragraph type="secondary" data-testid="targets-readonly">
          {t("targets.readOnly")}
        </Typography.Paragraph>
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              next.set("tab", key);
              return next;
            },
            { replace: true },
          )
        }
        items={items}
      />
    </div>
  );
}
