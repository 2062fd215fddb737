/** The Analysis panel's channel to the extension, typed by its contract. */
import type { HostMessage, RenderedMessage, UiState, WebviewMessage } from '../../protocol/analysis';
import { hostChannel } from '../ui/host';

export const { post, onMessage, savedState, saveState } = hostChannel<HostMessage, WebviewMessage | RenderedMessage, UiState>();
