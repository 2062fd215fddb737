/** The board's channel to the extension, typed by its contract. */
import type { HostMessage, RenderedMessage, UiState, WebviewMessage } from '../../protocol/board';
import { hostChannel } from '../ui/host';

export const { post, onMessage, savedState, saveState } = hostChannel<HostMessage, WebviewMessage | RenderedMessage, UiState>();
