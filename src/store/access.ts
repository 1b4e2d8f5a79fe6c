/** 'write': this tab holds the notebook's write lock; 'read': another tab does. Its own file so
 * that the session slice (which must not edit in a read-only tab) and the runtime slice (which
 * holds it) both read it without importing each other. */
export type Access = 'pending' | 'write' | 'read';
