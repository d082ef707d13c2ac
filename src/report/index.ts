// Public surface of the report writers: figures (SVG), tables (Markdown, CSV), HTML report, Markdown sections.
export { lineChart, bandChart, scatterChart, type XYSeries, type LineChartInput, type BandSeries, type BandChartInput, type ScatterChartInput } from './xyFigures.ts';
export { responseMap, type ResponseMapInput } from './responseMap.ts';
export { histogram, barChart, binCounts, type HistogramInput, type BarChartInput } from './distributionFigures.ts';
export { markdownTable, csv, type Cell } from './tables.ts';
export { renderHtmlReport, escapeHtml, type HtmlReportInput, type ReportSection } from './html.ts';
export { sanitizeSvg } from './sanitizeSvg.ts';
export { replaceSection, readSection } from './markdownSection.ts';
