import { describe, expect, it } from "vitest";
import { call, callError } from "../../../test/support/expression-kit.js";
import { evaluate, evaluateValue } from "../index.js";
import { BinaryValue, FloatValue, XmlValue } from "../values.js";

const xmlText = (text: string): string => (call("xml", text) as XmlValue).text;
const jsonOfXml = (text: string): unknown => call("json", call("xml", text));
const xmlOfJson = (json: string): string => (call("xml", call("json", json)) as XmlValue).text;

const produce =
  '<?xml version="1.0"?>\n<produce>\n  <item>\n    <name>Gala</name>\n    <type>apple</type>\n    <count>20</count>\n  </item>\n' +
  "  <item>\n    <name>Honeycrisp</name>\n    <type>apple</type>\n    <count>10</count>\n  </item>\n</produce>";
const contoso =
  '<?xml version="1.0"?> <file xmlns="http://contoso.com"> <location>Paris</location> </file>';

describe("documented examples (ADF page)", () => {
  it("json(xml(...)) example 3 converts attributes, text and the declaration", () => {
    // The ADF page shows "person" as a one-item array; the Logic Apps page (same engine,
    // corrected later) and JSON.NET make a single child an object, as Sluice does.
    expect(
      evaluate(
        "@json(xml('<?xml version=\"1.0\"?> <root> <person id=''1''> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> </root>'))",
      ),
    ).toEqual({
      "?xml": { "@version": "1.0" },
      root: { person: { "@id": "1", name: "Sophia Owen", occupation: "Engineer" } },
    });
  });

  it("xml(json(...)) examples", () => {
    expect(evaluate('@xml(json(\'{ "name": "Sophia Owen" }\'))')).toBe("<name>Sophia Owen</name>");
    expect(evaluate('@xml(json(\'{"person": {"name": "Sophia Owen", "city": "Seattle"}}\'))')).toBe(
      "<person><name>Sophia Owen</name><city>Seattle</city></person>",
    );
  });

  it("xpath example 1: sum() of the count nodes is 30", () => {
    const result = call("xpath", call("xml", produce), "sum(/produce/item/count)");
    expect(result).toEqual(new FloatValue(30));
    expect(
      evaluate("@xpath(xml(pipeline().parameters.items), 'sum(/produce/item/count)')", {
        parameters: { items: produce },
      }),
    ).toBe(30);
  });

  it("xpath example 2: both XPaths find the namespaced location node, printed with its namespace", () => {
    const doc = call("xml", contoso);
    const expected = new XmlValue('<location xmlns="http://contoso.com">Paris</location>');
    expect(call("xpath", doc, '/*[name()="file"]/*[name()="location"]')).toEqual(expected);
    expect(
      call(
        "xpath",
        doc,
        '/*[local-name()="file" and namespace-uri()="http://contoso.com"]/*[local-name()="location"]',
      ),
    ).toEqual(expected);
  });

  it("xpath example 3: string() gives the value Paris", () => {
    expect(
      call("xpath", call("xml", contoso), 'string(/*[name()="file"]/*[name()="location"])'),
    ).toBe("Paris");
  });
});

describe("Logic Apps page examples", () => {
  it("json(xml()) with two persons makes an array", () => {
    expect(
      jsonOfXml(
        '<?xml version="1.0"?> <root> <person id="1"> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> <person id="2"> <name>John Doe</name> <occupation>Engineer</occupation> </person> </root>',
      ),
    ).toEqual({
      "?xml": { "@version": "1.0" },
      root: {
        person: [
          { "@id": "1", name: "Sophia Owen", occupation: "Engineer" },
          { "@id": "2", name: "John Doe", occupation: "Engineer" },
        ],
      },
    });
  });

  it("xml('<name>Sophia Owen</name>') keeps the XML", () => {
    expect(evaluate("@xml('<name>Sophia Owen</name>')")).toBe("<name>Sophia Owen</name>");
  });

  it.each([
    ["/produce/item/name", ["<name>Gala</name>", "<name>Honeycrisp</name>"]],
    ["/produce/item/name[1]", ["<name>Gala</name>", "<name>Honeycrisp</name>"]],
    ["(/produce/item/name)[last()]", "<name>Honeycrisp</name>"],
    ["/produce/item/name/text()", ["Gala", "Honeycrisp"]],
  ])("xpath %s", (path, expected) => {
    const wrap = (item: string): unknown => (item.startsWith("<") ? new XmlValue(item) : item);
    expect(call("xpath", call("xml", produce), path)).toEqual(
      Array.isArray(expected) ? expected.map(wrap) : wrap(expected),
    );
  });

  it("xpath with attribute predicates", () => {
    const items = produce
      .replace("<name>Gala", "<name expired='true' price='12'>Gala")
      .replace("<name>Honey", "<name expired='false' price='40'>Honey");
    const doc = call("xml", items);
    expect(call("xpath", doc, "//name[@expired]")).toHaveLength(2);
    expect(call("xpath", doc, "//name[@expired = 'true']")).toEqual(
      new XmlValue('<name expired="true" price="12">Gala</name>'),
    );
    expect(call("xpath", doc, "//name[@price > 35]/text()")).toBe("Honeycrisp");
  });
});

describe("xml()", () => {
  it("re-prints XML as .NET's XmlDocument does", () => {
    expect(xmlText("<root/>")).toBe("<root />");
    expect(xmlText("<root><b></b><c/></root>")).toBe("<root><b></b><c /></root>");
    expect(xmlText("<root a='1'  b=\"x&quot;y\"><n>1 &lt; 2 &amp; 3</n></root>")).toBe(
      '<root a="1" b="x&quot;y"><n>1 &lt; 2 &amp; 3</n></root>',
    );
    expect(xmlText('<?xml version="1.0" encoding="utf-8"?><root/>')).toBe(
      '<?xml version="1.0" encoding="utf-8"?><root />',
    );
    expect(xmlText("<root> a <!-- b --> c </root>")).toBe("<root> a <!-- b --> c </root>");
    expect(xmlText("<root> <!-- a --> b <!-- c --> </root>")).toBe(
      "<root><!-- a --> b <!-- c --></root>",
    );
    expect(xmlText("<root><![CDATA[<>&'\"]]></root>")).toBe("<root><![CDATA[<>&'\"]]></root>");
    expect(xmlText('<aaa:root xmlns:aaa="test" />')).toBe('<aaa:root xmlns:aaa="test" />');
    expect(xmlText("<root>\r\n  <a/>\r\n</root>")).toBe("<root><a /></root>");
  });

  it("rejects what .NET's XmlDocument rejects with ExpressionBadXml", () => {
    for (const bad of [
      "some text",
      "",
      "<one/><two/>",
      '<?xml version="1.0" encoding="utf-8"?>',
      "<!-- comment -->",
      "<aaa:root />",
      '<?xml version="1.1"?><root/>',
      '<?xml encoding="ascii"?><root/>',
      '<?xml version="1.0" standalone="yes" encoding="ascii"?><root/>',
      "<a><b></a>",
      '<a x="1" x="2"/>',
      "<a>&unknown;</a>",
      '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
    ]) {
      expect(callError("xml", bad), bad).toBe("ExpressionBadXml");
    }
  });

  it("takes binary content unchecked and XML as is", () => {
    expect(call("xml", new BinaryValue(new TextEncoder().encode("<")))).toEqual(new XmlValue("<"));
    expect(callError("json", call("xml", new BinaryValue(new TextEncoder().encode("<"))))).toBe(
      "ExpressionBadXml",
    );
    expect(evaluate("@xml(xml('<root/>'))")).toBe("<root />");
  });

  it("rejects null, numbers and arrays", () => {
    expect(callError("xml", null)).toBe("ExpressionArgumentType");
    expect(callError("xml", 1)).toBe("ExpressionArgumentType");
    expect(callError("xml", [])).toBe("ExpressionArgumentType");
  });
});

describe("json() of XML (JSON.NET rules)", () => {
  it.each([
    ["<root/>", { root: null }],
    ["<root></root>", { root: "" }],
    ["<root>text</root>", { root: "text" }],
    ['<root a="1">text</root>', { root: { "@a": "1", "#text": "text" } }],
    ["<a><a/>t<a/></a>", { a: { a: [null, null], "#text": "t" } }],
    [
      '<?xml version="1.0" encoding="utf-8"?><root/>',
      { "?xml": { "@version": "1.0", "@encoding": "utf-8" }, root: null },
    ],
    [
      "<root>a<!--b-->c<!--d--><e><![CDATA[Testing]]><!-- one big comment --></e>f</root>",
      { root: { "#text": ["a", "c", "f"], "#comment": [], e: { "#cdata-section": "Testing" } } },
    ],
    [
      "<root>ac<!--big comment--><e><!-- one big comment --></e>f</root>",
      { root: { "#text": ["ac", "f"], e: {} } },
    ],
    [
      '<root><node1 attr="x"/><node2 attr2="y"><innermost innerattr="o&quot;h">wow<break/>wowow</innermost></node2></root>',
      {
        root: {
          node1: { "@attr": "x" },
          node2: {
            "@attr2": "y",
            innermost: { "@innerattr": 'o"h', "#text": ["wow", "wowow"], break: null },
          },
        },
      },
    ],
    ['<p:a xmlns:p="urn:x"><p:b>1</p:b></p:a>', { "p:a": { "@xmlns:p": "urn:x", "p:b": "1" } }],
    ["<?pi data?><root/>", { "?pi": "data", root: null }],
  ])("%s", (xml, expected) => {
    expect(jsonOfXml(xml)).toEqual(expected);
  });
});

describe("xml() of JSON (JSON.NET rules)", () => {
  it.each([
    ['{"cow":"moo"}', "<cow>moo</cow>"],
    ['{"a":null}', "<a />"],
    ['{"a":""}', "<a></a>"],
    ['{"a":{}}', "<a />"],
    ['{"a":{"n":1,"f":1.5,"t":true,"z":null}}', "<a><n>1</n><f>1.5</f><t>true</t><z /></a>"],
    ['{"a":{"@id":"1","@x":2,"#text":"hi"}}', '<a id="1" x="2">hi</a>'],
    ['{"a":{"b":[1,2],"c":"x"}}', "<a><b>1</b><b>2</b><c>x</c></a>"],
    ['{"a":{"b":[[1,2]]}}', "<a><b><b>1</b><b>2</b></b></a>"],
    ['{"a":{"#cdata-section":"<x>"}}', "<a><![CDATA[<x>]]></a>"],
    ['{"a":{"s":"1 < 2 & \\"q\\""}}', '<a><s>1 &lt; 2 &amp; "q"</s></a>'],
    [
      '{"?xml":{"@version":"1.0","@encoding":"utf-8"},"root":null}',
      '<?xml version="1.0" encoding="utf-8"?><root />',
    ],
    ['{"a":[1]}', "<a>1</a>"],
    ["{}", ""],
    ['{"p:a":{"@xmlns:p":"urn:x","p:b":"1"}}', '<p:a xmlns:p="urn:x"><p:b>1</p:b></p:a>'],
    ['{"a":{"@xmlns":"urn:d","b":"1"}}', '<a xmlns="urn:d"><b>1</b></a>'],
  ])("%s", (json, expected) => {
    expect(xmlOfJson(json)).toBe(expected);
  });

  it("round-trips through json() as ADF does", () => {
    expect(xmlOfJson('{"animals":{"cow":"moo","pig":"oink","birds":["cheep","tweet"]}}')).toBe(
      "<animals><cow>moo</cow><pig>oink</pig><birds>cheep</birds><birds>tweet</birds></animals>",
    );
    expect(
      evaluate(
        '@json(xml(json(\'{"animals":{"cow":"moo","birds":[{"call":"cheep"},{"call":"caw"}]}}\')))',
      ),
    ).toEqual({
      animals: { cow: "moo", birds: [{ call: "cheep" }, { call: "caw" }] },
    });
    expect(
      evaluate(
        "@xml(json(xml('<root>a<!--b-->c<!--d--><e><![CDATA[Testing]]><!-- one big comment --></e>f</root>')))",
      ),
    ).toBe("<root>acf<e><![CDATA[Testing]]></e></root>");
    expect(evaluate("@xml(json(xml('<root><![CDATA[<!--]]>testing<![CDATA[-->]]></root>')))")).toBe(
      "<root><![CDATA[<!--]]><![CDATA[-->]]>testing</root>",
    );
  });

  it("rejects objects that are not one XML document", () => {
    for (const bad of [
      '{"a":1,"b":2}',
      '{"a":[1,2]}',
      '{"@a":"1"}',
      '{"#text":"x"}',
      '{"a":{"@b":[1]}}',
      '{"a":{"#cdata-section":"]]>"}}',
    ]) {
      expect(callError("xml", call("json", bad)), bad).toBe("ExpressionBadXml");
    }
  });

  it("encodes names as XmlConvert.EncodeName and drops undeclared prefixes (Logic Apps)", () => {
    const text = (json: string): string => (call("xml", call("json", json)) as XmlValue).text;
    expect(text('{"a b":1}')).toBe("<a_x0020_b>1</a_x0020_b>");
    expect(text('{"1a":1}')).toBe("<_x0031_a>1</_x0031_a>");
    expect(text('{"_x0041_":1}')).toBe("<_x005F_x0041_>1</_x005F_x0041_>");
    expect(text('{"r":{"@a b":"1"}}')).toBe('<r a_x0020_b="1" />');
    expect(text('{"p:r":1}')).toBe("<r>1</r>");
    expect(text('{"p:r":{"@xmlns:p":"u"}}')).toBe('<p:r xmlns:p="u" />');
    expect(callError("json", call("xml", call("json", "{}")))).toBe("ExpressionBadXml");
  });
});

describe("xpath()", () => {
  it("returns one match as itself, several or none as an array, text as strings, scalars as they are", () => {
    const doc = call("xml", "<r><a n='1'>x</a><a n='2'/><b>5</b></r>");
    expect(call("xpath", doc, "/r/b")).toEqual(new XmlValue("<b>5</b>"));
    expect(call("xpath", doc, "/r/a/text()")).toBe("x");
    expect(call("xpath", doc, "/r/c")).toEqual([]);
    expect(call("xpath", doc, "count(/r/a)")).toEqual(new FloatValue(2));
    expect(call("xpath", doc, "/r/b * 1.5")).toBe(7.5);
    expect(call("xpath", doc, "count(/r/a) > 1")).toBe(true);
    expect(call("xpath", doc, "string(/r/a[2]/@n)")).toBe("2");
    expect(call("xpath", doc, "/r/a[2]")).toEqual(new XmlValue('<a n="2" />'));
    expect(call("xpath", doc, "/r/a/@n")).toEqual([new XmlValue('n="1"'), new XmlValue('n="2"')]);
  });

  it("sees the document without white-space-only text, as .NET loads it", () => {
    expect(call("xpath", "<r>\n  <a/>\n</r>", "count(/r/node())")).toEqual(new FloatValue(1));
  });

  it("accepts XML text as well as xml() values", () => {
    expect(call("xpath", "<r><a>1</a></r>", "string(/r/a)")).toBe("1");
    expect(evaluateValue("@xpath(xml('<r><a>1</a></r>'), '/r/a')")).toEqual(
      new XmlValue("<a>1</a>"),
    );
  });

  it("reports invalid XPath and XML with ExpressionBadXml, wrong types with ExpressionArgumentType", () => {
    expect(callError("xpath", call("xml", "<r/>"), "/r[")).toBe("ExpressionBadXml");
    expect(callError("xpath", call("xml", "<r/>"), "unknownfn()")).toBe("ExpressionBadXml");
    expect(callError("xpath", "<r>", "/r")).toBe("ExpressionBadXml");
    expect(callError("xpath", { r: 1 }, "/r")).toBe("ExpressionArgumentType");
    expect(callError("xpath", call("xml", "<r/>"), 1)).toBe("ExpressionArgumentType");
  });
});
