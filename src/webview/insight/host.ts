/** The insight view's channel to the extension, typed by its contract. */
import type { HostMessage, RenderedMessage, UiState, WebviewMessage } from '../../protocol/insight';
import { hostChannel } from '../ui/host';

export const { post, onMessage, saveState } = hostChannel<HostMessage, WebviewMessage | RenderedMessage, UiState>();
