// The Chatwoot releases the simulator can play where their behaviour differs. 4.15 is what compose
// pins; 4.16 changed who owns a conversation the agent bot handles.
import { z } from 'zod/v4';

export const chatwootVersionSchema = z.enum(['4.15', '4.16']);
export type ChatwootVersion = z.infer<typeof chatwootVersionSchema>;

/**
 * 4.16+ (PR #14875, #14870): the inbox's agent bot is the assignee of the conversations it
 * handles, assigning a bot makes a conversation pending, and a human taking over a bot-owned
 * pending conversation opens it.
 */
export function botOwnsConversations(version: ChatwootVersion): boolean {
	return version !== '4.15';
}
