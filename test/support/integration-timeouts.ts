// Real brokers and databases answer in seconds, not milliseconds: a consumer group join alone
// can take a few seconds on a loaded machine. Assertions still poll with eventually().
jest.setTimeout(90_000);
