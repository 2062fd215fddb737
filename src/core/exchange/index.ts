/**
 * Exchange with other research tools, for the CLI and the extension alike. Every function
 * is pure: it takes a loaded workspace (and the IFileSystem port to read transcripts) or
 * bytes, and returns bytes to save or file edits to apply. Writing them — a new folder for
 * an imported project, a file for an export — is the host's job (src/node/new-folder.ts,
 * NodeFileSystem.apply, or the extension's own adapters).
 */
export { exportQdpx, importQdpx, importQde, type QdpxExport } from './qdpx';
export { exportQdc, importQdc, type CodebookImport } from './qdc';
export { csvBatches, csvRows, csvRowsOneByOne, renderCsv, CSV_BATCH_ROWS, CSV_FORMATS, type CsvFormat, type CsvOptions, type CsvRow } from './csv';
export { planTranscriptImport, transcriptToMarkdown, type ConvertedTranscript, type IncomingTranscript, type PlannedTranscriptImport, type TranscriptImportOptions } from './transcript-import';
export { formatLoss, type Loss } from './losses';
export type { ExternalLocation, ExternalSourceReader, ImportOptions, ProjectImport } from './import-project';
export { DEFAULT_LIMITS, type ContainerLimits } from './container';
