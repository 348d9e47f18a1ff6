import { describe, expect, it } from 'vitest';
import { articleStatuses } from '../../../src/domain/article.js';
import { allowedActions, nextStatus, transitionRules, workflowActions } from '../../../src/domain/articleWorkflow.js';

describe('the publishing state machine', () => {
  it('moves draft → pending → scheduled → published → unpublished', () => {
    expect(nextStatus('draft', 'submit')).toBe('pending');
    expect(nextStatus('pending', 'schedule')).toBe('scheduled');
    expect(nextStatus('scheduled', 'publish')).toBe('published');
    expect(nextStatus('published', 'unpublish')).toBe('unpublished');
    expect(nextStatus('unpublished', 'publish')).toBe('published');
    expect(nextStatus('draft', 'publish')).toBe('published');
  });

  it('refuses actions a state does not allow', () => {
    expect(nextStatus('published', 'submit')).toBeNull();
    expect(nextStatus('published', 'schedule')).toBeNull();
    expect(nextStatus('draft', 'unpublish')).toBeNull();
    expect(nextStatus('draft', 'restore')).toBeNull();
    expect(nextStatus('trash', 'publish')).toBeNull();
    expect(nextStatus('trash', 'trash')).toBeNull();
  });

  it('trashes from every other state and restores to the state before, or draft when unknown', () => {
    for (const status of articleStatuses.filter((s) => s !== 'trash')) {
      expect(nextStatus(status, 'trash')).toBe('trash');
      expect(nextStatus('trash', 'restore', status)).toBe(status);
    }
    expect(nextStatus('trash', 'restore', null)).toBe('draft');
    expect(nextStatus('trash', 'restore', 'trash')).toBe('draft');
  });

  it('lists the actions of each state from the same table', () => {
    expect(allowedActions('draft')).toEqual(['submit', 'schedule', 'publish', 'trash']);
    expect(allowedActions('published')).toEqual(['unpublish', 'trash']);
    expect(allowedActions('trash')).toEqual(['restore']);
    for (const status of articleStatuses) {
      for (const action of workflowActions) expect(allowedActions(status).includes(action)).toBe(transitionRules[action].from.includes(status));
    }
  });
});
