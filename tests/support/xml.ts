/**
 * Parsing XML in tests (fast-xml-parser): a well-formedness check that names the problem, and a parse that keeps
 * attributes (prefixed `@_`) and always yields arrays for repeated elements.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** Throws when `xml` is not well-formed XML; returns the parsed document otherwise. */
export function parseXml(xml: string, arrays: readonly string[] = []): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    isArray: (name) => arrays.includes(name),
  });
  return parser.parse(xml) as Record<string, unknown>;
}
