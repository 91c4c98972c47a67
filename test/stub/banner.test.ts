// What npm start prints: the address as bound, the store, the fixtures' source, the ids held, a
// curl line on one of them, and a warning beyond loopback.
import t from "tap";
import {
  banner,
  boundAddress,
  exposureWarning,
  isLoopback,
  origins,
  storeFacts,
} from "../../src/stub/banner.js";
import { loadFixtures } from "../../src/stub/fixtures.js";
import { MemoryStore } from "../../src/stub/store/memory.js";

const loopback = { address: "127.0.0.1", port: 3000, family: "IPv4" };
const options = { https: false, certDir: ".stub-certs", journalSize: 1000 };

function configurations(count: number) {
  return {
    clientConfigurations: Array.from({ length: count }, (_, index) => ({
      "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration" as const,
      id: `team-${index}`,
    })),
  };
}

t.test("the store's first three ids and its count", async (t) => {
  const store = new MemoryStore();
  loadFixtures(configurations(5), store);
  t.same(storeFacts(store), {
    configurationIds: ["team-0", "team-1", "team-2"],
    configurationCount: 5,
  });
});

t.test("a fixtures file on memory: its path, the ids held, a curl line on the first", async (t) => {
  const text = banner({
    address: loopback,
    options: { ...options, fixtures: "team.json" },
    configurationIds: ["team-0", "it's"],
    configurationCount: 4,
  });
  t.match(text, "  listening   http://127.0.0.1:3000\n");
  t.match(text, "  base URL    http://127.0.0.1:3000/beta\n");
  t.match(text, "  store       in memory\n");
  t.match(text, `  fixtures    ${process.cwd()}/team.json\n`);
  t.match(text, "  holds       4 client configurations: team-0, it's and 2 more\n");
  t.match(text, "  journal     http://127.0.0.1:3000/_stub/requests\n");
  t.match(
    text,
    "Try the seed's example request on team-0:\n  curl -i -X POST 'http://127.0.0.1:3000/beta/officeConfiguration/clientConfigurations/team-0/assignments'",
  );
  t.equal(
    exposureWarning({ address: loopback, options, configurationIds: [], configurationCount: 0 }),
    undefined,
  );
});

t.test("a data file holding nothing: its path, and a curl line that lists", async (t) => {
  const text = banner({
    address: loopback,
    options: { ...options, data: "/tmp/stub.db", journalSize: 0 },
    configurationIds: [],
    configurationCount: 0,
  });
  t.match(text, "  store       SQLite file /tmp/stub.db\n");
  t.match(text, "  fixtures    the demo configuration (loaded only into a new file)\n");
  t.match(text, "  holds       no client configurations\n");
  t.match(text, "  journal     off (--journal-size 0)\n");
  t.match(
    text,
    "Try listing the client configurations:\n  curl -i 'http://127.0.0.1:3000/beta/officeConfiguration/clientConfigurations' \\\n    -H 'Authorization: Bearer local-dev-token'\n",
  );
});

t.test("https, a fixtures object, one configuration with a quote in its id", async (t) => {
  const text = banner({
    address: { address: "::1", port: 8443, family: "IPv6" },
    options: { ...options, https: true, fixtures: configurations(1) },
    configurationIds: ["it's"],
    configurationCount: 1,
  });
  t.match(text, "  listening   https://[::1]:8443\n");
  t.match(text, "  fixtures    a fixtures document\n");
  t.match(text, "  holds       1 client configuration: it's\n");
  t.match(text, `  TLS CA      ${process.cwd()}/.stub-certs/ca.pem\n`);
  t.match(
    text,
    `curl -i --cacert '${process.cwd()}/.stub-certs/ca.pem' -X POST 'https://[::1]:8443/beta/officeConfiguration/clientConfigurations/it%27s/assignments'`,
  );
});

t.test("beyond loopback: the real address, and a warning naming what is exposed", async (t) => {
  const every = { address: "0.0.0.0", port: 3000, family: "IPv4" };
  t.same(origins(every, false), {
    listening: "http://0.0.0.0:3000",
    local: "http://127.0.0.1:3000",
  });
  t.same(origins({ address: "::", port: 3000, family: "IPv6" }, false), {
    listening: "http://[::]:3000",
    local: "http://[::1]:3000",
  });
  const facts = { address: every, options, configurationIds: [], configurationCount: 0 };
  t.match(
    banner(facts),
    "  listening   http://0.0.0.0:3000\n  base URL    http://127.0.0.1:3000/beta\n",
  );
  t.match(
    exposureWarning(facts),
    /^WARNING: listening on 0\.0\.0\.0 \(every interface\), beyond this machine's loopback\. .*the \/_stub controls \(reset, export, the request journal with its bodies, faults\) need no token: set --control-token/,
  );
  const lan = {
    ...facts,
    address: { address: "192.0.2.7", port: 3000, family: "IPv4" },
    options: { ...options, controlToken: "t" },
  };
  t.match(
    exposureWarning(lan),
    /^WARNING: listening on 192\.0\.2\.7, .*the \/_stub controls need the control token\./,
  );
  t.ok(isLoopback("127.0.0.2") && isLoopback("::1") && isLoopback("::ffff:127.0.0.1"));
  t.notOk(isLoopback("10.0.0.1"));
});

t.test("boundAddress: a TCP address, never a pipe", async (t) => {
  t.same(boundAddress(loopback), loopback);
  t.throws(() => boundAddress("/tmp/pipe"), {
    message: "the stub listens on TCP, not on '/tmp/pipe'",
  });
  t.throws(() => boundAddress(null), { message: "the stub listens on TCP, not on 'null'" });
});
