// 三、进度落后的居民区: the dashboard's 落后与原因 on paper (the same lines: behindLines) — the zones behind (the
// town's report), then each area behind by name, worst first: elevators short per stage, its stalled buildings,
// its blocked ones by category, and the latest explanation its secretary wrote.

import type { AreaStatus, BuildingListItem, RecordedStage, Summary } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { type BehindLine, behindLines } from "../dashboard/behindLines";
import { monthDay } from "./heading";
import { MARK, standingLabel } from "./marks";
import { blockersByArea, type CategoryCount } from "./problems";

interface Props {
  summary: Summary;
  statuses: readonly AreaStatus[];
  /** The scope's blocked buildings as of the report's day, once loaded. */
  blocked: readonly BuildingListItem[] | undefined;
}

export function ReportBehind({ summary, statuses, blocked }: Props) {
  const { t } = useTranslation();
  const town = summary.scope.zoneId == null;
  const byAreas = summary.areas != null;
  const lines = behindLines(summary, byAreas ? "area" : "zone", statuses);
  const zonesBehind = town && byAreas ? behindLines(summary, "zone", statuses) : [];
  const reasons = blockersByArea(blocked ?? []);
  const noTargets = RECORDED_STAGES.every((stage) => summary.stages[stage].target == null);
  return (
    <section className="report-section" data-testid="report-behind">
      <h2>{t("report.sections.behind")}</h2>
      {zonesBehind.length > 0 && (
        <p className="report-line" data-testid="report-zones-behind">
          <b>{t("report.behind.zones")}</b>
          {zonesBehind
            .map((zone) => `${zone.name} ${standingLabel(t, { kind: "behind", count: zone.shortfall })}`)
            .join(t("report.separator.item"))}
        </p>
      )}
      {lines.length === 0 ? (
        <p className="report-line" data-testid="report-behind-none">
          {noTargets ? t("report.behind.noTargets") : t("report.behind.none")}
        </p>
      ) : (
        // On a phone the table scrolls sideways inside this region, which the keyboard can reach.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard (WCAG 2.1.1)
        <section className="report-scroll" tabIndex={0} aria-label={t("report.sections.behind")}>
          <table className="report-table report-behind-table" data-testid="report-behind-table">
            <thead>
              <tr>
                <th className="left">{t(byAreas ? "ranking.area" : "ranking.zone")}</th>
                {town && byAreas && <th className="left">{t("ranking.zone")}</th>}
                <th className="left">{t("report.behind.shortfall")}</th>
                {RECORDED_STAGES.map((stage) => (
                  <th key={stage}>{t(`stage.${stage}`)}</th>
                ))}
                <th>{t("report.behind.stalled")}</th>
                <th className="left">{t("report.behind.reasons")}</th>
                <th className="left">{t("report.behind.status")}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <BehindRow
                  key={`${line.kind}-${line.id}`}
                  line={line}
                  showZone={town && byAreas}
                  reasons={line.kind === "area" ? reasons.get(line.id) : undefined}
                />
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

function BehindRow({ line, showZone, reasons }: { line: BehindLine; showZone: boolean; reasons?: CategoryCount[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const stageCell = (stage: RecordedStage) => {
    const gap = line.stages[stage].gap;
    if (gap == null) return "—";
    return gap < 0 ? t("report.behind.stageShort", { count: -gap }) : MARK.onTrack;
  };
  // The categories when the list has them; the count alone for a zone (or before the list arrives).
  const blockedText =
    reasons && reasons.length > 0
      ? reasons
          .map((reason) =>
            t("report.behind.category", { category: t(`blocker.${reason.category}`), count: reason.count }),
          )
          .join(t("report.separator.list"))
      : line.blocked > 0
        ? t("report.behind.blockedCount", { count: line.blocked })
        : "—";
  return (
    <tr data-testid={`report-behind-${line.kind}-${line.id}`}>
      <td className="left report-behind-name">{line.name}</td>
      {showZone && <td className="left">{line.context}</td>}
      <td className="left text-behind report-standing">
        {standingLabel(t, { kind: "behind", count: line.shortfall })}
      </td>
      {RECORDED_STAGES.map((stage) => (
        <td key={stage} className={(line.stages[stage].gap ?? 0) < 0 ? "text-behind" : ""}>
          {stageCell(stage)}
        </td>
      ))}
      <td>{fmt.int(line.stalled)}</td>
      <td className="left report-wrap">{blockedText}</td>
      <td className="left report-wrap">
        {line.status
          ? t("report.behind.statusLine", { text: line.status.text, date: monthDay(fmt.locale, line.status.date) })
          : "—"}
      </td>
    </tr>
  );
}
