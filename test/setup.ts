import nock from 'nock';

// No test may reach the real network: HTTP edges are faked with nock, and a
// request nobody faked fails loudly instead of calling a real service. Only
// loopback stays open, for tests that drive a server through its real port.
nock.disableNetConnect();
nock.enableNetConnect(/(127\.0\.0\.1|localhost|\[::1\])/);
