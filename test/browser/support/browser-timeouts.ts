// A journey is a person's few minutes of work: pages load from the real services, and axe-core takes
// tens of seconds on a long page (a unit's thirty indicators) when the machine is busy. Waits inside a
// journey still poll for what the page shows (playwright's waitFor), never sleep.
jest.setTimeout(180_000);
