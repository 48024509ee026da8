import { describe, expect, it } from 'vitest';
import { parsePlaybooksSearch } from './search.ts';

describe('parsePlaybooksSearch', () => {
  it('keeps known triggers, sorts and the on/off filter; drops the rest', () => {
    expect(parsePlaybooksSearch({ trigger: 'health_red', enabled: 'true', sort: 'runs', order: 'desc' })).toMatchObject({
      trigger: 'health_red',
      enabled: 'true',
      sort: 'runs',
      order: 'desc',
    });
    const bad = parsePlaybooksSearch({ trigger: 'tomorrow', enabled: 'maybe', sort: 'nope' });
    expect(bad.trigger).toBeUndefined();
    expect(bad.enabled).toBeUndefined();
    expect(bad.sort).toBeUndefined();
  });
});
