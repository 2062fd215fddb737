/**
 * What Compare Analysis and Set Up Git Merging need of git (reading the study at a revision,
 * installing the merge driver), loaded on demand (dist/review-git.js) the first time one runs:
 * the CLI imports the same node modules directly.
 */
export { git, GitError, loadWorkspaceAt } from '../../node/git-revision-fs';
export { mergeDriverCommand, setUpGit } from '../../node/git-setup';
