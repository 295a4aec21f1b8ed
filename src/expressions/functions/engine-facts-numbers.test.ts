import { describe, expect, it } from "vitest";
import { ExpressionError, evaluate } from "../index.js";

/**
 * Facts about numbers, conversions, binary and XML as the real engine (Logic Apps' Workflow
 * Definition Language, which ADF shares) showed them, recorded by the tests of
 * ScoreUnder/IllogicApps that were run against Logic Apps. Each row: an expression and either
 * its result (`@{...}` rows give the engine's string) or `fails` (any ExpressionError).
 * Sources are cited per group; the code of those projects is not used, only their facts.
 */

const fails = Symbol("fails");
type Row = readonly [expression: string, expected: unknown];

function check([expression, expected]: Row): void {
  if (expected === fails) {
    expect(() => evaluate(expression)).toThrow(ExpressionError);
  } else {
    expect(evaluate(expression)).toEqual(expected);
  }
}

const b64 = (text: string): string => btoa(text);
const octet = (content: string) => ({
  "$content-type": "application/octet-stream",
  $content: content,
});

// IllogicApps.Expression.Execution.Test/NumericConversionTests.fs (and the same rows in
// IllogicApps.Simulator.Test/NumericConversionTests.fs).
const numericConversion: readonly Row[] = [
  ["@{float('  +1,000 ')}", "1000"],
  ["@{float('  200- ')}", "-200"],
  ["@{float('NaN')}", "NaN"],
  ["@{float('nan')}", "NaN"],
  ["@{int(1.0)}", "1"],
  ["@{int('1.0')}", "1"],
  ["@{int(float(1.0))}", "1"],
  ["@{int('  +1,000 ')}", "1000"],
  ["@{int('nan')}", "-9223372036854775808"],
  ["@{int('100000000000000010')}", "100000000000000016"],
  ["@{int('  200- ')}", fails],
  ["@{int('(200)')}", fails],
  ["@{float('(200)')}", fails],
  ["@{float('Infinity')}", fails],
  ["@{float('inf')}", fails],
  ["@float(binary('123.0'))", fails],
  ["@int(binary('123.0'))", fails],
  ["@{float('5.0')}", "5"],
  ["@string(float('5.0'))", "5"],
  ["@{createArray(float('5.0'))}", "[5.0]"],
  ["@{json('{\"f\":5.0}')}", '{"f":5.0}'],
];

// IllogicApps.Expression.Execution.Test/NumericLimitsTests.fs (and Simulator.Test's copy).
const numericLimits: readonly Row[] = [
  ["@{9223372036854775807}", "9223372036854775807"],
  ["@{-9223372036854775808}", "-9223372036854775808"],
  ["@{9223372036854775809.5}", "9.223372036854776E+18"],
  ["@{-9223372036854775809.5}", "-9.223372036854776E+18"],
  ["@int('9223372036854775808')", fails],
  ["@int('9223372036854775807')", fails],
  ["@int('3e50')", fails],
  ["@int(mul(2e200,2e200))", fails],
  ["@int('3e-50')", fails],
  ["@int(1.5)", fails],
  ["@int('1.5')", fails],
  ["@int(2.5)", fails],
  ["@int(100000.000009)", fails],
  ["@{int('-9223372036854775808')}", "-9223372036854775808"],
  ["@{int('-9223372036854775809')}", "-9223372036854775808"],
  ["@{int('-9223372036854775809.00')}", "-9223372036854775808"],
  ["@{int('-9223372036854775809.05')}", "-9223372036854775808"],
  ["@{float('5e-324')}", "5E-324"],
  ["@{float('1.7e+308')}", "1.7E+308"],
  ["@{float('5e-350')}", "0"],
  ["@{float('1.7e+350')}", "Infinity"],
  ["@{float('-1e400')}", "-Infinity"],
  ["@{add(9223372036854775807, 1)}", fails],
  ["@{mul(4294967295, 4294967295)}", fails],
  ["@div(-1, 0)", fails],
  ["@div(0, 0)", fails],
  ["@{add(2147483647, 1)}", "2147483648"],
  ["@{add(4294967295, 1)}", "4294967296"],
  ["@{mul(1e308, 2)}", "Infinity"],
  ["@{float(mul(2e200,2e200))}", "Infinity"],
  ["@{mul(4294967295, 4294967295.0)}", "1.8446744065119617E+19"],
];

// IllogicApps.Expression.Execution.Test/BinaryConversionTests.fs (and Simulator.Test's copy).
const binaryConversion: readonly Row[] = [
  ["@json(binary('[1,2,3]'))", [1, 2, 3]],
  ['@binary(json(\'{"hello": "world"}\'))', octet("eyJoZWxsbyI6IndvcmxkIn0=")],
  ["@binary(3.14)", octet("My4xNA==")],
  ["@binary('123asdf?a=b%20c%2F')", octet("MTIzYXNkZj9hPWIlMjBjJTJG")],
  ["@binary(binary('123'))", octet("MTIz")],
  ["@binary(createArray('a','b','c'))", octet("WyJhIiwiYiIsImMiXQ==")],
  ["@binary(true)", octet("VHJ1ZQ==")],
  ["@binary(false)", octet("RmFsc2U=")],
  ["@binary(null)", fails],
  ["@base64('test')", "dGVzdA=="],
  ["@base64ToString(base64('test'))", "test"],
  ["@base64ToBinary(base64('test'))", octet("dGVzdA==")],
  ["@base64ToBinary('')", octet("")],
  ["@base64ToBinary('aGVsbG8gd29ybGQ=')", octet("aGVsbG8gd29ybGQ=")],
  ["@base64ToString('aGVsbG8gd29ybGQ=')", "hello world"],
  ["@{base64ToBinary('test')}", "\ufffd\ufffd-"],
  ["@base64ToBinary('$#[<')", fails],
  ["@base64ToBinary('aa')", fails],
  [
    "@dataUriToBinary('data:text/plain;charset=utf-8;base64,aGVsbG8=')",
    { "$content-type": "text/plain;charset=utf-8", $content: "aGVsbG8=" },
  ],
  [
    "@dataUriToBinary('data:text/plain;charset=utf-8,aGVsbG8=')",
    { "$content-type": "text/plain;charset=utf-8", $content: "YUdWc2JHOD0=" },
  ],
  [
    "@dataUriToBinary('data:text/plain;charset=utf-8,abc+def ghi+jkl=asdf+qwer?abc+def=ghi+jkl')",
    {
      "$content-type": "text/plain;charset=utf-8",
      $content: b64("abc def ghi jkl=asdf qwer?abc def=ghi jkl"),
    },
  ],
  [
    "@dataUriToBinary('data:bad/mime;charset=utf-8,  [ 1, 2, 3 ]  ')",
    { "$content-type": "bad/mime;charset=utf-8", $content: "ICBbIDEsIDIsIDMgXSAg" },
  ],
  [
    "@dataUriToBinary('data:text/plain;charset=utf-8;cats=cute;base64,dGVzdA==')",
    { "$content-type": "text/plain;charset=utf-8;cats=cute", $content: "dGVzdA==" },
  ],
  [
    "@dataUriToBinary('DATA:TEXT/PLAIN;COWS=MOO;CHARSET=UTF-8;CATS=CUTE;BASE64,dGVzdA==')",
    { "$content-type": "TEXT/PLAIN;COWS=MOO;CHARSET=UTF-8;CATS=CUTE", $content: "dGVzdA==" },
  ],
  ["@dataUriToString('data:text/plain;charset=utf-8,%22hello,%20world%22')", '"hello, world"'],
  ["@dataUriToString('data:text/plain;charset=utf-8;base64,aGVsbG8 gd29ybGQ=')", "hello world"],
  [
    "@dataUriToString('data:text/plain;charset=utf-8,abc+def ghi+jkl=asdf+qwer?abc+def=ghi+jkl')",
    "abc def ghi jkl=asdf qwer?abc def=ghi jkl",
  ],
  [
    "@dataUriToString('data:text/plain;charset=utf-8;base64,JTIyaGVsbG8rd29ybGQlMjIlM0YlM2Y=')",
    "%22hello+world%22%3F%3f",
  ],
  ["@dataUriToString('data:text/plain,  [ 1, 2, 3 ]  ')", "  [ 1, 2, 3 ]  "],
  ["@dataUriToString('data:text/plain;charset=utf-8;base64,dGVzdA==')", "test"],
  ["@{dataUriToBinary('data:text/plain;charset=utf-8;base64,dGVzdA==')}", "test"],
  ["@{dataUriToBinary('data:text/plain,  [ 1, 2, 3 ]  ')}", "  [ 1, 2, 3 ]  "],
  ["@dataUriToBinary('data:text/plain/epic;charset=utf-8;base64,aGVsbG8g d29ybGQ=')", fails],
  ["@dataUriToBinary('data:application/json;charset=fake-encoding,  [ 1, 2, 3 ]  ')", fails],
  ["@dataUriToString('data:text/plain;charset=utf-8;base64,aGVsbG8%20gd29ybGQ=')", fails],
  [
    "@dataUriToBinary('data:,  [ 1, 2, 3 ]  ')",
    { "$content-type": "text/plain", $content: "ICBbIDEsIDIsIDMgXSAg" },
  ],
  [
    "@dataUriToBinary('data:base64,dGVzdA==')",
    { "$content-type": "text/plain", $content: "dGVzdA==" },
  ],
  [
    "@dataUriToBinary('data:;base64,dGVzdA==')",
    { "$content-type": "text/plain", $content: "dGVzdA==" },
  ],
  [
    "@dataUriToBinary('data:text/plain;base64;charset=ascii,dGVzdA==')",
    { "$content-type": "text/plain;base64;charset=ascii", $content: "ZEdWemRBPT0=" },
  ],
  [
    "@dataUriToBinary('data:text/plain;cows=moo;charset=ascii;base64,dGVzdA==')",
    { "$content-type": "text/plain;cows=moo;charset=ascii", $content: "dGVzdA==" },
  ],
  ["@dataUriToBinary('data:;;base64,dGVzdA==')", fails],
  ["@dataUriToBinary('data:;,test')", fails],
  ["@dataUriToBinary('data:;;,test')", fails],
  ["@dataUriToBinary('data:badmime;charset=utf-8,  [ 1, 2, 3 ]  ')", fails],
  ["@dataUriToBinary('data:text/plain;charset=martian;base64,aGVsbG8gd29ybGQ=')", fails],
  [
    "@dataUriToBinary('data:text/plain;cows=moo;base64;charset=ascii;cats=cute=very,dGVzdA==')",
    fails,
  ],
  [
    "@dataUriToString('data:text/plain;test=wow;charset=nope;base64,aGVsbG8gd29ybGQ=')",
    "hello world",
  ],
  ["@dataUriToString('data:badmime;charset=utf-8,  [ 1, 2, 3 ]  ')", "  [ 1, 2, 3 ]  "],
  ["@dataUriToString('data:base64,dGVzdA==')", "test"],
  ["@dataUriToString('data:;base64,dGVzdA==')", "test"],
  [
    "@dataUriToString('data:text/plain;cows=moo;base64;charset=ascii;cats=cute=very,dGVzdA==')",
    "dGVzdA==",
  ],
  ["@dataUriToString('data:text/plain;cows=moo;charset=ascii;base64,dGVzdA==')", "test"],
  ["@dataUriToString('data:;;base64,dGVzdA==')", fails],
  ["@dataUriToString('data:application/json;charset=fake-encoding,  [ 1, 2, 3 ]  ')", fails],
  ["@dataUriToString('data:text/plain;charset=ascii;cats=cute;base64,dGVzdA==')", fails],
  ["@dataUriToString('data:text/plain;charset=ascii;base64,dGVzdA==')", fails],
  ["@dataUriToString('data:text/plain;CHARSET=nope;base64,aGVsbG8gd29ybGQ=')", fails],
  ["@dataUri('test')", "data:text/plain;charset=utf-8;base64,dGVzdA=="],
  ["@dataUri(xml('<t/>'))", "data:application/xml;charset=utf-8;base64,PHQgLz4="],
  ["@dataUri(json('{\"a\":3}'))", "data:application/json;charset=utf-8;base64,eyJhIjozfQ=="],
  ["@dataUri(createArray(1,2,3))", "data:application/json;charset=utf-8;base64,WzEsMiwzXQ=="],
  ["@{dataUri(1)}", "data:application/json;charset=utf-8;base64,MQ=="],
  ["@{dataUri(true)}", "data:application/json;charset=utf-8;base64,VHJ1ZQ=="],
  ["@{dataUri(null)}", fails],
];

describe("engine facts: numeric conversion", () => {
  it.each(numericConversion)("%s", (expression, expected) => check([expression, expected]));
});

describe("engine facts: numeric limits", () => {
  it.each(numericLimits)("%s", (expression, expected) => check([expression, expected]));
});

describe("engine facts: binary conversion", () => {
  it.each(binaryConversion)("%s", (expression, expected) => check([expression, expected]));
});

// IllogicApps.Expression.Execution.Test/XmlConversionTests.fs (and Simulator.Test's copy).
// Only `@{...}` and json() rows: a bare `@xml(...)` is returned by the engine as
// {"$content-type": "application/xml;charset=utf-8", ...}, where Sluice returns the text.
const xmlConversion: readonly Row[] = [
  ["@{json(xml('<root>Testing</root>'))}", '{"root":"Testing"}'],
  ["@{json(xml('<a><a/>t<a/></a>'))}", '{"a":{"a":[null,null],"#text":"t"}}'],
  [
    `@{json(xml('<r xmlns:mmm="zzz"><z/><x/>c<v/><b/>n<m/>a</r>'))}`,
    '{"r":{"@xmlns:mmm":"zzz","z":null,"x":null,"#text":["c","n","a"],"v":null,"b":null,"m":null}}',
  ],
  [
    `@{json(xml('<mmm:r xmlns:mmm="zzz"><z/><mmm:x/>c<v/><b/>n<m/>a</mmm:r>'))}`,
    '{"mmm:r":{"@xmlns:mmm":"zzz","z":null,"mmm:x":null,"#text":["c","n","a"],"v":null,"b":null,"m":null}}',
  ],
  [
    "@{json(xml('<root><![CDATA[testing]]><![CDATA[testing2]]></root>'))}",
    '{"root":{"#cdata-section":["testing","testing2"]}}',
  ],
  [
    `@{json(xml('<?xml version="1.0" encoding="utf-8"?><root/>'))}`,
    '{"?xml":{"@version":"1.0","@encoding":"utf-8"},"root":null}',
  ],
  [
    `@{json(xml('<?xml version="1.0" encoding="ascii"?><root/>'))}`,
    '{"?xml":{"@version":"1.0","@encoding":"ascii"},"root":null}',
  ],
  [
    "@{json(xml('<root>a<!--b-->c<!--d--><e><![CDATA[Testing]]><!-- one big comment --></e>f</root>'))}",
    '{"root":{"#text":["a","c","f"],"#comment":[],"e":{"#cdata-section":"Testing"}}}',
  ],
  [
    "@{json(xml('<root>a<!--b-->c<!--d--><e></e>f</root>'))}",
    '{"root":{"#text":["a","c","f"],"#comment":[],"e":""}}',
  ],
  ["@{json(xml('<root>a<!--b--><!--d--></root>'))}", '{"root":{"#text":"a","#comment":[]}}'],
  ["@{json(xml('<root><!--b-->c<!--d--></root>'))}", '{"root":{"#comment":[],"#text":"c"}}'],
  ["@{json(xml('<root><!--b--><!--d--></root>'))}", '{"root":{"#comment":[]}}'],
  ["@{json(xml('<root><c/><!--b--><!--d--></root>'))}", '{"root":{"c":null,"#comment":[]}}'],
  ["@{json(xml('<root><c><!--b--><!--d--></c></root>'))}", '{"root":{"c":{"#comment":[]}}}'],
  [
    "@{json(xml('<root><c><!--b--><!--d--><!--e--></c><!--e--></root>'))}",
    '{"root":{"c":{"#comment":[]}}}',
  ],
  [
    "@{json(xml('<root><c><!--b--><!--d--><!--e--></c><!--e--><!--e--></root>'))}",
    '{"root":{"c":{"#comment":[]},"#comment":[]}}',
  ],
  [
    "@{json(xml('<root>ac<!--d--><e><![CDATA[Testing]]></e>f</root>'))}",
    '{"root":{"#text":["ac","f"],"e":{"#cdata-section":"Testing"}}}',
  ],
  [
    "@{json(xml('<root>a<!--b-->c<e><![CDATA[Testing]]><!-- one big comment --></e>f</root>'))}",
    '{"root":{"#text":["a","c","f"],"e":{"#cdata-section":"Testing"}}}',
  ],
  [
    "@json(xml('<root>ac<!--big comment--><e><!-- one big comment --></e>f</root>'))",
    { root: { "#text": ["ac", "f"], e: {} } },
  ],
  [
    `@json(xml('<root><node1 attr="x"/><node2 attr2="y"><innermost innerattr="o&quot;h">wow<break/>wowow</innermost></node2></root>'))`,
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
  [
    `@json(xml('<thing:root xmlns:thing="namespace"/>'))`,
    { "thing:root": { "@xmlns:thing": "namespace" } },
  ],
  ["@{xml('<root/>')}", "<root />"],
  [
    `@{xml('<root><node1 attr="x"/><node2 attr2="y"><innermost innerattr="o&quot;h">wow<break/>wowow</innermost></node2></root>')}`,
    '<root><node1 attr="x" /><node2 attr2="y"><innermost innerattr="o&quot;h">wow<break />wowow</innermost></node2></root>',
  ],
  [
    "@{xml('<root>a<!--b-->c<!--d--><e><![CDATA[Testing]]><!-- one big comment --></e>f</root>')}",
    "<root>a<!--b-->c<!--d--><e><![CDATA[Testing]]><!-- one big comment --></e>f</root>",
  ],
  [
    `@{xml('<?xml version="1.0" encoding="utf-8"?><root/>')}`,
    '<?xml version="1.0" encoding="utf-8"?><root />',
  ],
  [`@{xml('<root attr="val"/>')}`, '<root attr="val" />'],
  ["@{xml('<root> a <!-- b --> c </root>')}", "<root> a <!-- b --> c </root>"],
  ["@{xml('<root> <!-- a --> b <!-- c --> </root>')}", "<root><!-- a --> b <!-- c --></root>"],
  [`@{xml('<root><![CDATA[<>&''"]]></root>')}`, `<root><![CDATA[<>&'"]]></root>`],
  [`@{xml('<aaa:root xmlns:aaa="test" />')}`, '<aaa:root xmlns:aaa="test" />'],
  ["@{xml('<root>&#65;</root>')}", "<root>A</root>"],
  [
    `@{xml('<?xml version="1.0" encoding="ucs-2"?><root/>')}`,
    '<?xml version="1.0" encoding="ucs-2"?><root />',
  ],
  [
    `@{xml('<?xml version="1.0" encoding="martian"?><root/>')}`,
    '<?xml version="1.0" encoding="martian"?><root />',
  ],
  [`@{xml(json('{"ro:ot": "text"}'))}`, "<ot>text</ot>"],
  [`@{xml(json('{"ro>ot": "text"}'))}`, "<ro_x003E_ot>text</ro_x003E_ot>"],
  [`@{xml(json('{"ro ot": "text"}'))}`, "<ro_x0020_ot>text</ro_x0020_ot>"],
  [`@{xml(json('{"ro/ot": "text"}'))}`, "<ro_x002F_ot>text</ro_x002F_ot>"],
  [`@{xml(json('{"root": "te\\nxt"}'))}`, "<root>te\nxt</root>"],
  [`@{xml(json('{"root": "te<xt"}'))}`, "<root>te&lt;xt</root>"],
  [`@{xml(json('{"root": "te&xt"}'))}`, "<root>te&amp;xt</root>"],
  [`@{xml(json('{"root": {"@attr": "te\\"xt"}}'))}`, '<root attr="te&quot;xt" />'],
  [
    `@{xml(json('{"root": {"#comment": "-->test"}}'))}`,
    "<root><_x0023_comment>--&gt;test</_x0023_comment></root>",
  ],
  [
    `@{xml(json(xml('<root><node1 attr="x"/><node2 attr2="y"><innermost innerattr="o&quot;h">wow<break/>wowow</innermost></node2></root>')))}`,
    '<root><node1 attr="x" /><node2 attr2="y"><innermost innerattr="o&quot;h">wowwowow<break /></innermost></node2></root>',
  ],
  [
    "@{xml(json(xml('<root>a<!--b-->c<!--d--><e><![CDATA[Testing]]><!-- one big comment --></e>f</root>')))}",
    "<root>acf<e><![CDATA[Testing]]></e></root>",
  ],
  [
    "@{xml(json(xml('<root>ac<!--big comment--><e><!-- one big comment --></e>f</root>')))}",
    "<root>acf<e /></root>",
  ],
  ["@{xml(json(xml('<root><!-- comment --></root>')))}", "<root />"],
  ["@{xml(json(xml('<root> a <!-- b --> c </root>')))}", "<root> a  c </root>"],
  ["@{xml(json(xml('<root> <!-- a --> b <!-- c --> </root>')))}", "<root> b </root>"],
  [
    "@{xml(json(xml('<root><![CDATA[<!--]]>testing<![CDATA[-->]]></root>')))}",
    "<root><![CDATA[<!--]]><![CDATA[-->]]>testing</root>",
  ],
  [`@{xml(json('{"root": {"#cdata-section": "]]>test"}}'))}`, fails],
  [`@json(xml(json('{"cow":"moo"}')))`, { cow: "moo" }],
  [
    `@json(xml(json('{"animals":{"cow":"moo","pig":"oink","birds":["cheep","tweet","quack","caw"]}}')))`,
    { animals: { cow: "moo", pig: "oink", birds: ["cheep", "tweet", "quack", "caw"] } },
  ],
  [`@json(xml(json('{}')))`, fails],
  [`@json(xml(json('{"hello":"world","oh no":"another root"}')))`, fails],
  [`@{xml('<?xml version="1.0" encoding="utf-8"?>')}`, fails],
  ["@{xml('<!-- comment -->')}", fails],
  ["@{xml('<root> a <!-- b <!-- c --> d --> e </root>')}", fails],
  ["@{xml('<aaa:root />')}", fails],
  [`@{xml('<?xml standalone="yes" encoding="ascii"?><root/>')}`, fails],
  [`@{xml('<?xml version="1.0" standalone="yes" encoding="utf-8"?><root/>')}`, fails],
  [`@{xml('<?xml encoding="ascii"?><root/>')}`, fails],
  [`@{xml('<?xml version="1.1"?><root/>')}`, fails],
  ["@{xml('some text')}", fails],
  ["@xml('<one/><two/><oatmeal>kirby is a pink guy</oatmeal>')", fails],
  [`@{json(xml('<?xml version="1.0" encoding="martian"?><root/>'))}`, fails],
  [`@{json(xml('<?xml version="1.0" encoding="utf-16"?><root/>'))}`, fails],
  ["@json(xml(binary('<')))", fails],
  ["@binary(xml('<root/>'))", octet("PHJvb3QgLz4=")],
  ["@dataUri(xml('<t/>'))", "data:application/xml;charset=utf-8;base64,PHQgLz4="],
];

describe("engine facts: XML conversion", () => {
  it.each(xmlConversion)("%s", (expression, expected) => check([expression, expected]));
});
