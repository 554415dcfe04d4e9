// A problem with an uploaded file, said in words the uploader can act on. Raised while reading (possibly in
// the reading worker) and turned into the API's error by the caller.

export class FileProblem extends Error {
  constructor(
    message: string,
    /** 400 unreadable or not a ledger, 413 too large once inflated, 422 too complex to read in time. */
    readonly status: 400 | 413 | 422 = 400,
  ) {
    super(message);
  }
}

export const invalidFile = (message: string, status: 400 | 413 | 422 = 400) => new FileProblem(message, status);
