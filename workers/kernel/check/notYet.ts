/**
 * What a check helper throws when the learner's work is not right yet. Its message is
 * written for the learner and shown after "Not yet: "; anything else a check throws means
 * the check itself is broken, so the two must never be confused.
 */
export class NotYet extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotYet';
  }
}
