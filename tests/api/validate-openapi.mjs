#!/usr/bin/env node
// validate-openapi.mjs URL_OR_FILE: validates an OpenAPI 3 document (the
// served /api/v1/openapi.json or src/server/openapi.json) with
// @apidevtools/swagger-parser: the OpenAPI 3.0 JSON Schema, then the
// semantic checks ($refs resolve, path parameters declared, unique
// operationIds). Prints "ok ..." and exits 0, or the problems and exits 1.
import SwaggerParser from "@apidevtools/swagger-parser";
import { readFile } from "node:fs/promises";

const arg = process.argv[2];
if (!arg) {
  console.error("usage: node validate-openapi.mjs URL_OR_FILE");
  process.exit(2);
}

async function load(where) {
  if (/^https?:\/\//.test(where)) {
    const res = await fetch(where);
    if (res.status !== 200) throw new Error(`${where}: HTTP ${res.status}`);
    return res.json();
  }
  return JSON.parse(await readFile(where, "utf8"));
}

try {
  const doc = await load(arg);
  if (typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.0.")) {
    throw new Error(`expected "openapi": "3.0.x", got ${JSON.stringify(doc.openapi)}`);
  }
  // validate() dereferences in place: give it a copy.
  const api = await SwaggerParser.validate(structuredClone(doc));
  const ops = Object.values(api.paths).reduce(
    (n, item) => n + Object.keys(item).filter((k) => k !== "parameters").length, 0);
  console.log(`ok ${arg}: OpenAPI ${api.openapi} "${api.info.title}" v${api.info.version}, ` +
    `${Object.keys(api.paths).length} paths, ${ops} operations, ` +
    `${Object.keys(doc.components?.schemas ?? {}).length} schemas`);
} catch (e) {
  console.error(`FAIL ${arg}: ${e.message}`);
  if (e.details) console.error(JSON.stringify(e.details, null, 2).slice(0, 4000));
  process.exit(1);
}
