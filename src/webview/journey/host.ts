/** The journey map's channel to the extension, typed by its contract. */
import type { HostMessage, RenderedMessage, UiState, WebviewMessage } from '../../protocol/journey';
import { hostChannel } from '../ui/host';

export const { post, onMessage, savedState, saveState } = hostChannel<HostMessage, WebviewMessage | RenderedMessage, UiState>();
