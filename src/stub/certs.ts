// `--https`: a local CA and a server certificate for localhost, 127.0.0.1 and ::1, generated
// once (selfsigned) and kept in a folder, so that HTTPS-only clients such as the Graph JS SDK
// (which attaches its token only to https:// hosts) can talk to the stub.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import selfsigned from "selfsigned";

export interface Certificates {
  /** The folder holding the files. */
  dir: string;
  /** The CA certificate's path: give it to clients, e.g. `NODE_EXTRA_CA_CERTS`. */
  caFile: string;
  key: string;
  cert: string;
}

const files = { ca: "ca.pem", caKey: "ca-key.pem", cert: "cert.pem", key: "key.pem" };

function yearsFromNow(years: number): Date {
  const date = new Date();
  date.setFullYear(date.getFullYear() + years);
  return date;
}

/** Reads the certificates from `dir`, generating them first when any file is missing. */
export async function ensureCertificates(dir: string): Promise<Certificates> {
  const folder = resolve(dir);
  const path = (name: string) => join(folder, name);
  if (!Object.values(files).every((name) => existsSync(path(name)))) {
    mkdirSync(folder, { recursive: true });
    const ca = await selfsigned.generate(
      [{ name: "commonName", value: "graph-officeconfiguration stub local CA" }],
      {
        keySize: 2048,
        algorithm: "sha256",
        notAfterDate: yearsFromNow(10),
        extensions: [
          { name: "basicConstraints", cA: true, critical: true },
          { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
        ],
      },
    );
    const server = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
      keySize: 2048,
      algorithm: "sha256",
      // Within the 825 days that some platforms allow a server certificate.
      notAfterDate: yearsFromNow(2),
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
        { name: "extKeyUsage", serverAuth: true },
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: "localhost" },
            { type: 7, ip: "127.0.0.1" },
            { type: 7, ip: "::1" },
          ],
        },
      ],
    });
    writeFileSync(path(files.ca), ca.cert);
    writeFileSync(path(files.caKey), ca.private, { mode: 0o600 });
    writeFileSync(path(files.cert), server.cert);
    writeFileSync(path(files.key), server.private, { mode: 0o600 });
  }
  return {
    dir: folder,
    caFile: path(files.ca),
    key: readFileSync(path(files.key), "utf8"),
    cert: readFileSync(path(files.cert), "utf8"),
  };
}
