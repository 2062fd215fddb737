/**
 * The personal-data scan (names, contact details, third parties), loaded on demand
 * (dist/privacy-scanner.js) when a study's first scan starts, after activation has returned,
 * or an export first reads the study's privacy files: the CLI imports it directly.
 */
export { PrivacyScanner, readPrivacySources, scannableFiles, scanOptionsOf } from '../../../core/privacy/scan';
