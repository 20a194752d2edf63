import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	message: 'reply' | 'privateNote';
	conversation: 'get' | 'assign' | 'addLabels' | 'setStatus' | 'handOff' | 'setCustomAttributes';
};

export type ChatwootType = AllEntities<NodeMap>;
