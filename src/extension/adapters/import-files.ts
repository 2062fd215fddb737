/**
 * What importing a REFI-QDA project or transcripts needs of the disk (the project's sources,
 * a new folder, Word files), loaded on demand (dist/exchange-files.js) with the first import:
 * the CLI imports the same node modules directly.
 */
export { transcriptFileText } from '../../node/docx';
export { createFolder, FolderNotEmptyError } from '../../node/new-folder';
export { externalSourceReader, textsBeside } from '../../node/refi-sources';
