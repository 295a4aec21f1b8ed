/** The CLI's I/O, passed in so commands are testable without a terminal. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): Promise<string>;
}
