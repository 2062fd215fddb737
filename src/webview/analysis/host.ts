/** The Analysis panel's channel to the extension, typed by its contract. */
import type { HostMessage, WebviewMessage } from '../../protocol/analysis';
import { hostChannel } from '../ui/host';

export const { post, onMessage } = hostChannel<HostMessage, WebviewMessage>();
