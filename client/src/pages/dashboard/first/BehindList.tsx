// 落后与原因: who is behind plan and why, on the first screen. The zones (town view) or areas behind plan,
// ordered by the whole elevators they are behind, each with the stages short, its stalled and blocked
// buildings (links to them) and the latest explanation its secretary wrote — each line opens the zone or area.
// Plain React and CSS, rendered by the server too (docs/ARCHITECTURE.md § The first screen): the statuses come
// in as a prop, from the page's query or from the server.

import type { AreaStatus, Summary } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ExclamationCircleFilled } from "../../../components/icons";
import { Panel } from "../../../components/Panel";
import { SegmentedChoice } from "../../../components/SegmentedChoice";
import { useFormat } from "../../../i18n/format";
import { buildingsLink } from "../../../lib/buildingLinks";
import { yearQuery } from "../../../lib/useYear";
import { type BehindLine, behindLines } from "../behindLines";

/** Lines shown before "show all". */
const FIRST_LINES = 8;

type By = BehindLine["kind"];

export function BehindList({ summary, statuses }: { summary: Summary; statuses: readonly AreaStatus[] }) {
  const { t } = useTranslation();
  const townView = summary.scope.zoneId == null;
  const [by, setBy] = useState<By>(townView ? "zone" : "area");
  const [all, setAll] = useState(false);
  const canShowAreas = summary.areas != null;
  const lines = behindLines(summary, canShowAreas ? by : "zone", statuses);
  const shown = all ? lines : lines.slice(0, FIRST_LINES);
  const noTargets = RECORDED_STAGES.every((stage) => summary.stages[stage].target == null);
  return (
    <Panel
      className="section behind-panel"
      testId="behind-panel"
      title={t("behindList.title", { count: lines.length })}
      extra={
        townView && canShowAreas ? (
          <SegmentedChoice<By>
            value={by}
            onChange={setBy}
            label={t("behindList.by")}
            options={[
              { label: t("behindList.byZone"), value: "zone" },
              { label: t("behindList.byArea"), value: "area" },
            ]}
            testId="behind-by"
          />
        ) : undefined
      }
    >
      {lines.length === 0 ? (
        <p className="behind-none" data-testid="behind-none">
          {noTargets ? t("behindList.noTargets") : t("behindList.none")}
        </p>
      ) : (
        <ol className="behind-list" data-testid="behind-list">
          {shown.map((line) => (
            <BehindItem key={`${line.kind}-${line.id}`} line={line} year={summary.year} />
          ))}
        </ol>
      )}
      {lines.length > FIRST_LINES && (
        <button type="button" className="btn btn-link" onClick={() => setAll(!all)} data-testid="behind-more">
          {all ? t("behindList.fewer") : t("behindList.all", { count: lines.length })}
        </button>
      )}
      <p className="card-note muted">{t("behindList.rule")}</p>
    </Panel>
  );
}

function BehindItem({ line, year }: { line: BehindLine; year: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const to = `/${line.kind === "zone" ? "zones" : "areas"}/${line.id}${yearQuery(year)}`;
  const scope = line.kind === "zone" ? { zoneId: line.id } : { areaId: line.id };
  const short = RECORDED_STAGES.filter((stage) => (line.stages[stage].gap ?? 0) < 0);
  return (
    // The whole line opens the zone or area; its name is the keyboard's way in, the counts their own links.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the name inside is the focusable link to the same place
    <li className="behind-item" data-testid={`behind-${line.kind}-${line.id}`} onClick={() => navigate(to)}>
      <div className="behind-head">
        <ExclamationCircleFilled className="text-behind" />
        <Link to={to} className="behind-name" onClick={(event) => event.stopPropagation()}>
          {line.name}
        </Link>
        {line.context && <span className="muted behind-context">{line.context}</span>}
        <span className="behind-shortfall text-behind" data-testid={`behind-shortfall-${line.id}`}>
          {t("behindList.shortfall", { count: line.shortfall })}
        </span>
      </div>
      <div className="behind-facts">
        <span>
          {short
            .map((stage) =>
              t("behindList.stageShort", { stage: t(`stage.${stage}`), count: -(line.stages[stage].gap ?? 0) }),
            )
            .join(" · ")}
        </span>
        {line.areasBehind != null && <span>{t("behindList.areasBehind", { count: line.areasBehind })}</span>}
        <CountLink
          to={buildingsLink({ ...scope, stalled: "true" })}
          label={t("behindList.stalled")}
          count={line.stalled}
          testId={`behind-stalled-${line.kind}-${line.id}`}
        />
        <CountLink
          to={buildingsLink({ ...scope, blocked: "true" })}
          label={t("behindList.blocked")}
          count={line.blocked}
          testId={`behind-blocked-${line.kind}-${line.id}`}
        />
      </div>
      {line.status ? (
        <blockquote className="behind-status">
          「{line.status.text}」
          <span className="muted">
            {" "}
            — {line.status.author} · {fmt.date(line.status.at)}
          </span>
        </blockquote>
      ) : (
        <p className="behind-status muted">{t("behindList.noExplanation")}</p>
      )}
    </li>
  );
}

function CountLink({ to, label, count, testId }: { to: string; label: string; count: number; testId: string }) {
  const fmt = useFormat();
  return (
    <Link to={to} className="behind-count" data-testid={testId} onClick={(event) => event.stopPropagation()}>
      {label} <b className={count ? "count-warn" : ""}>{fmt.int(count)}</b>
    </Link>
  );
}
