// A briefing as a Word document (.docx) on A4: the newsletter's red head (title, issue line, issuing unit and
// date over a red rule), the headline, the figures, the three generated sections and 下一步工作 — the same text
// as the page. Fonts are named, not embedded: 仿宋 for the body, 黑体 for headings, 宋体 for the title; Word uses
// the reader's.

import {
  BRIEFING_FIGURE_HEADS,
  BRIEFING_TITLE,
  type BriefingContent,
  briefingDay,
  briefingIssueLine,
  chineseDate,
  NEXT_STEPS_TITLE,
  RECORDED_STAGES,
  STAGE_LABELS,
} from "@jiati/shared";
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from "docx";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const RED = "C00000";
const BODY = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "仿宋", cs: "Times New Roman" };
const HEADING = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体", cs: "Times New Roman" };
const TITLE = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体", cs: "Times New Roman" };
/** Sizes in half-points: 四号 (14 pt) body, 三号 (16 pt) headings, 一号 (26 pt) title. */
const BODY_SIZE = 28;
const HEADING_SIZE = 32;
const TITLE_SIZE = 52;
/** A4 less 26 mm and 25 mm margins: the text's width, for the right tab stop and the table. */
const TEXT_WIDTH = convertMillimetersToTwip(210 - 26 - 26);

export interface DocxBriefing {
  content: BriefingContent;
  nextSteps: string;
  issueNo: number | null;
  issuedAt: string | null;
  zoneId: number | null;
}

const body = (text: string, indent = true) =>
  new Paragraph({
    children: [new TextRun({ text })],
    indent: indent ? { firstLine: BODY_SIZE * 20 } : undefined,
    spacing: { line: 440, after: 60 },
    alignment: AlignmentType.JUSTIFIED,
  });

const heading = (text: string) =>
  new Paragraph({
    children: [new TextRun({ text, font: HEADING, size: HEADING_SIZE })],
    spacing: { before: 240, after: 120 },
    keepNext: true,
  });

function head(briefing: DocxBriefing): Paragraph[] {
  const { content } = briefing;
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [new TextRun({ text: BRIEFING_TITLE, font: TITLE, size: TITLE_SIZE, bold: true, color: RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: briefingIssueLine({ ...briefing, scopeName: content.scopeName }) })],
    }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      border: { bottom: { style: BorderStyle.THICK, size: 18, color: RED, space: 6 } },
      spacing: { after: 360 },
      children: [
        new TextRun({ text: content.issuingUnit }),
        new TextRun({ text: `\t${chineseDate(briefingDay({ issuedAt: briefing.issuedAt, asOf: content.asOf }))}` }),
      ],
    }),
  ];
}

const cell = (text: string, bold = false) =>
  new TableCell({
    children: [
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, size: BODY_SIZE - 4 })] }),
    ],
  });

/** 阶段 · 年度目标 · 应完成 · 实际 · 完成率 · 本周新增. */
function figuresTable(content: BriefingContent): Table {
  const dash = (value: number | null, suffix = "") => (value == null ? "—" : `${value}${suffix}`);
  const rows = [
    new TableRow({
      tableHeader: true,
      children: BRIEFING_FIGURE_HEADS.map((text) => cell(text, true)),
    }),
    ...RECORDED_STAGES.map((stage) => {
      const figure = content.stages[stage];
      return new TableRow({
        children: [
          cell(STAGE_LABELS[stage], true),
          cell(dash(figure.target)),
          cell(dash(figure.expected)),
          cell(String(figure.actual)),
          cell(figure.percent == null ? "—" : `${figure.percent.toFixed(1)}%`),
          cell(figure.added > 0 ? `+${figure.added}` : String(figure.added)),
        ],
      });
    }),
  ];
  return new Table({ rows, width: { size: TEXT_WIDTH, type: WidthType.DXA } });
}

/** The .docx of a briefing, from its stored content and 下一步工作. */
export async function briefingDocx(briefing: DocxBriefing): Promise<Buffer> {
  const { content } = briefing;
  const nextSteps = briefing.nextSteps.split(/\n+/).filter((line) => line.trim());
  const document = new Document({
    creator: content.issuingUnit,
    title: `${content.scopeName}${BRIEFING_TITLE}`,
    styles: {
      default: { document: { run: { font: BODY, size: BODY_SIZE } } },
    },
    sections: [
      {
        properties: {
          page: {
            // A4 in twips (210 × 297 mm).
            size: { width: 11906, height: 16838 },
            margin: {
              top: convertMillimetersToTwip(30),
              bottom: convertMillimetersToTwip(25),
              left: convertMillimetersToTwip(26),
              right: convertMillimetersToTwip(26),
            },
          },
        },
        children: [
          ...head(briefing),
          body(content.headline),
          new Paragraph({ spacing: { after: 120 } }),
          figuresTable(content),
          ...content.sections.flatMap((section) => [
            heading(section.title),
            ...section.paragraphs.map((paragraph) => body(paragraph)),
          ]),
          heading(NEXT_STEPS_TITLE),
          ...(nextSteps.length ? nextSteps.map((line) => body(line)) : [body("（无）")]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
