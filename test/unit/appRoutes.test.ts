import { describe, expect, it } from 'vitest';
import { createReloadGuard } from '../../src/app/reloadGuard';
import { parseRoute, routeHref } from '../../src/app/router';

describe('routes', () => {
  it('a share link in the hash opens the shared notebook; any #v… is a link, even one this version cannot read', () => {
    expect(parseRoute(new URL('http://x/#v1.abc.0011aabb'))).toEqual({ page: 'shared', fragment: 'v1.abc.0011aabb' });
    expect(parseRoute(new URL('http://x/app/#v9.whatever'))).toEqual({ page: 'shared', fragment: 'v9.whatever' });
    expect(parseRoute(new URL('http://x/?notebook=n1#v1.abc'))).toEqual({ page: 'notebook', id: 'n1' });
    expect(parseRoute(new URL('http://x/#section'))).toEqual({ page: 'home' });
    expect(routeHref({ page: 'shared', fragment: 'v1.a.b' })).toBe('./#v1.a.b');
  });
});

describe('the reload guard', () => {
  it('lists every open notebook’s reason not to reload, and forgets a notebook that closed', () => {
    const guard = createReloadGuard();
    let training = true;
    const remove = guard.add(() => (training ? 'a cell is running' : null));
    guard.add(() => null);
    expect(guard.reasons()).toEqual(['a cell is running']);
    training = false;
    expect(guard.reasons()).toEqual([]);
    training = true;
    remove();
    expect(guard.reasons()).toEqual([]);
  });
});
