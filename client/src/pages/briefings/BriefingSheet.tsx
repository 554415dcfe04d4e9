// The briefing as a newsletter page on A4: the red head (title, issue line, issuing unit and date over a red
// rule), the headline, the figures, the generated sections and 下一步工作 — the same text as its .docx. The text
// is the office's document, in Chinese whatever the UI's language; only the controls around it are translated.

import type { Briefing } from "@jiati/shared";
import {
  BRIEFING_FIGURE_HEADS,
  BRIEFING_TITLE,
  briefingDay,
  briefingIssueLine,
  chineseDate,
  NEXT_STEPS_TITLE,
} from "@jiati/shared/briefing-head";
import { STAGE_LABELS } from "@jiati/shared/labels";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import type { ReactNode } from "react";

interface Props {
  briefing: Briefing;
  /** 下一步工作 as shown: the saved text, or the editor of a draft (on screen only). */
  nextSteps: ReactNode;
}

export function BriefingSheet({ briefing, nextSteps }: Props) {
  const { content } = briefing;
  return (
    <article className="briefing-sheet" data-testid="briefing-sheet" lang="zh-CN">
      <header className="briefing-head">
        <h1 className="briefing-title">{BRIEFING_TITLE}</h1>
        <div className="briefing-issue" data-testid="briefing-issue">
          {briefingIssueLine({ ...briefing, scopeName: content.scopeName })}
        </div>
        <div className="briefing-unit-line">
          <span data-testid="briefing-unit">{content.issuingUnit}</span>
          <span data-testid="briefing-date">{chineseDate(briefingDay({ ...briefing, asOf: content.asOf }))}</span>
        </div>
      </header>

      <p className="briefing-headline" data-testid="briefing-headline">
        {content.headline}
      </p>
      <FiguresTable briefing={briefing} />

      {content.sections.map((section) => (
        <section key={section.key} className="briefing-section" data-testid={`briefing-section-${section.key}`}>
          <h2>{section.title}</h2>
          {section.paragraphs.map((paragraph, index) => (
            // Paragraphs are fixed once generated: their place is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: the generated text does not reorder
            <p key={index}>{paragraph}</p>
          ))}
        </section>
      ))}

      <section className="briefing-section" data-testid="briefing-section-next">
        <h2>{NEXT_STEPS_TITLE}</h2>
        {nextSteps}
      </section>
    </article>
  );
}

/** The saved 下一步工作, a paragraph a line. */
export function NextStepsText({ text }: { text: string }) {
  const lines = text.split(/\n+/).filter((line) => line.trim());
  if (!lines.length) return <p className="muted">（无）</p>;
  return (
    <div data-testid="briefing-next-steps">
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one saved text
        <p key={index}>{line}</p>
      ))}
    </div>
  );
}

function FiguresTable({ briefing }: { briefing: Briefing }) {
  const { stages } = briefing.content;
  const dash = (value: number | null) => (value == null ? "—" : String(value));
  return (
    <table className="briefing-figures" data-testid="briefing-figures">
      <thead>
        <tr>
          {BRIEFING_FIGURE_HEADS.map((head) => (
            <th key={head}>{head}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {RECORDED_STAGES.map((stage) => {
          const figure = stages[stage];
          return (
            <tr key={stage}>
              <th scope="row">{STAGE_LABELS[stage]}</th>
              <td>{dash(figure.target)}</td>
              <td>{dash(figure.expected)}</td>
              <td>{figure.actual}</td>
              <td>{figure.percent == null ? "—" : `${figure.percent.toFixed(1)}%`}</td>
              <td>{figure.added > 0 ? `+${figure.added}` : figure.added}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
