import { describe, expect, it } from "vitest";
import { evaluate } from "../index.js";

/**
 * Facts about the real engine (ADF shares Logic Apps' expression engine) for the string,
 * collection and logical functions and the basic language, one row each: the expression and
 * its result, or `{ error }` with the stable code it fails with. Each group cites its source.
 * IA = ScoreUnder/IllogicApps, whose test cases were checked against real Logic Apps.
 */
type Row = readonly [expression: string, expected: unknown];
const error = (code: string): { error: string } => ({ error: code });

function outcome(expression: string): unknown {
  try {
    return evaluate(expression, {});
  } catch (caught) {
    return error((caught as { code?: string }).code ?? String(caught));
  }
}

function table(name: string, rows: readonly Row[]): void {
  describe(name, () => {
    it.each(rows)("%s", (expression, expected) => {
      expect(outcome(expression)).toEqual(expected);
    });
  });
}

const type = error("ExpressionArgumentType");

// IA IllogicApps.Expression.Execution.Test/StringFunctionsTests.fs: length, replace, split.
table("length, replace, split", [
  ["@length('123456')", 6],
  ["@length('')", 0],
  ["@length(createArray(1,2,3,4,5))", 5],
  ["@length(json('[]'))", 0],
  ["@length(json('{}'))", type],
  ["@length(null)", type],
  ["@length(true)", type],
  ["@length(99)", type],
  ["@length(xml('<root/>'))", type],
  ["@length(binary('abc'))", type],
  ["@replace('xxxxx','x','y')", "yyyyy"],
  ["@replace('xxxxx','x','')", ""],
  ["@replace('xxxxx','','y')", error("ExpressionArgumentValue")],
  ["@replace('abcdef','cd','z')", "abzef"],
  ["@replace('abcdef','.','z')", "abcdef"],
  ["@replace('aAa','a','b')", "bAb"],
  ["@split('abc,def',',')", ["abc", "def"]],
  ["@split('abc,def',';')", ["abc,def"]],
  ["@split(',abc,def,',',')", ["", "abc", "def", ""]],
  ["@split(',,,,',',')", ["", "", "", "", ""]],
  ["@split('abc,def','.')", ["abc,def"]],
  ["@split('abcSPdefSPghi','SP')", ["abc", "def", "ghi"]],
  ["@split('abc,def','')", ["abc,def"]],
  ["@split('',',')", [""]],
  ["@split('','')", [""]],
  ["@split('abc1def', 1)", type],
  ["@split('abctruedef',true)", type],
  ["@split('abcnulldef',null)", type],
  ["@split('abc,,,def',createArray(',','e'))", type],
]);

// IA IllogicApps.Expression.Execution.Test/StringFunctionsTests.fs: substring, case, trim.
table("substring, toLower, toUpper, trim", [
  ["@substring('abcdef',0)", "abcdef"],
  ["@substring('abcdef',3)", "def"],
  ["@substring('abcdef',3,1)", "d"],
  ["@substring('abcdef',6)", ""],
  ["@substring('abcdef',0,99)", error("ExpressionIndexOutOfRange")],
  ["@substring('abcdef',39,99)", error("ExpressionIndexOutOfRange")],
  ["@substring('abcdef',-3)", error("ExpressionIndexOutOfRange")],
  ["@substring('abcdef',-1,2)", error("ExpressionIndexOutOfRange")],
  ["@toLower('ıIiİçÇğĞ')", "ıiiİççğğ"],
  ["@toLower('Ｚｅｎｋａｋｕ　Ｔｅｘｔ')", "ｚｅｎｋａｋｕ　ｔｅｘｔ"],
  ["@toLower('')", ""],
  ["@toLower(binary('Testing'))", type],
  ["@toLower(xml('<Root>Test</Root>'))", type],
  ["@toUpper('ıIiİçÇğĞ')", "ıIIİÇÇĞĞ"],
  ["@toUpper('Ｚｅｎｋａｋｕ　Ｔｅｘｔ')", "ＺＥＮＫＡＫＵ　ＴＥＸＴ"],
  ["@toUpper(xml('<Root>Test</Root>'))", type],
  ["@trim('')", ""],
  ["@trim('       ')", ""],
  ["@trim('test     ing')", "test     ing"],
  ["@trim(binary('  Testing  '))", type],
  ["@trim('testing    ')", "testing"],
  ["@trim('\t\t\ttesting\t\t\t')", "testing"],
  ["@trim('\r\n\r  \t\rtesting\r \n\t\r')", "testing"],
  ["@trim('\u3000\u3000testing\u3000\u3000')", "testing"],
]);

// ADF page (indexOf, lastIndexOf, startsWith, endsWith: "not case-sensitive"; contains on a
// string is not marked so, and IA's engine model uses an ordinal, case-sensitive Contains).
table("case rules of searches", [
  ["@indexOf('hello world', 'WORLD')", 6],
  ["@lastIndexOf('Hello World hello', 'HELLO')", 12],
  ["@startsWith('hello world', 'HELLO')", true],
  ["@endsWith('hello world', 'WORLD')", true],
  ["@contains('hello world', 'world')", true],
  ["@contains('hello world', 'WORLD')", false],
  ["@indexOf('', '')", 0],
  ["@indexOf('abc', '')", 0],
]);

// IA IllogicApps.Expression.Execution.Test/CollectionFunctionsTests.fs: empty, first, last, join.
table("empty, first, last, join", [
  ["@empty('')", true],
  ["@empty('       ')", false],
  ["@empty(json('[]'))", true],
  ["@empty(json('[[]]'))", false],
  ["@empty(json('{}'))", true],
  ["@empty(json('{\"\":{}}'))", false],
  ["@empty(json('[\"\"]'))", false],
  ["@empty(1)", type],
  ["@empty(0)", type],
  ["@empty(false)", type],
  ["@empty(null)", true],
  ["@empty(0.0)", type],
  ["@first('')", ""],
  ["@first('abc')", "a"],
  ["@first(json('[]'))", null],
  ['@first(json(\'["a","b","c"]\'))', "a"],
  ["@first(json('{}'))", type],
  ["@first(1)", type],
  ["@first(true)", type],
  ["@first(null)", type],
  ["@last('')", ""],
  ["@last('abc')", "c"],
  ["@last(json('[]'))", null],
  ['@last(json(\'["a","b","c"]\'))', "c"],
  ['@last(json(\'{"a":"b"}\'))', type],
  ["@last(null)", type],
  ["@join(createArray('','hello','','world'), 'XYZ')", "XYZhelloXYZXYZworld"],
  ["@join(array(''), 'XYZ')", ""],
  ["@join(createArray('a','b'), null)", type],
  ["@join('asdf','x')", type],
  ["@join(json('{}'),'x')", type],
  ["@join(json('[]'),'x')", ""],
  ["@join(createArray('',null,''),'x')", "xx"],
  ["@join(createArray('',1,''),'x')", "x1x"],
  ["@join(createArray('',true,''),'x')", "xTruex"],
  ["@join(createArray('a',createArray('b','c'),'d'),'x')", 'ax["b","c"]xd'],
  ["@join(createArray(binary('test'),xml('<!-- lol --><ing/>')),'x')", "testx<!-- lol --><ing />"],
]);

// IA IllogicApps.Expression.Execution.Test/CollectionFunctionsTests.fs: intersection, union.
table("intersection, union", [
  ["@intersection(createArray(5,4,3,2,1),createArray('a','b','c','d','e'))", []],
  ["@intersection(createArray(5,4,3,2,1),createArray('a','b',3,5,1))", [5, 3, 1]],
  ["@intersection(createArray('a','b',3,5,1),createArray(5,4,3,2,1))", [3, 5, 1]],
  ["@intersection(createArray(1,2,3,4,4,5),createArray(3,4,4,5))", [3, 4, 5]],
  ["@intersection(createArray(3,4,4,5),createArray(1,2,3,4,5))", [3, 4, 5]],
  ["@intersection(json('{\"spam\":3,\"food\":\"eggs\"}'),createArray('spam','eggs'))", type],
  ["@intersection(createArray('spam','eggs'),json('{\"spam\":3}'))", type],
  ['@intersection(json(\'{"spam":"eggs","thing":3}\'),json(\'{"spam":3,"food":"eggs"}\'))', {}],
  [
    '@intersection(json(\'{"spam":"eggs","food":"fungus"}\'),json(\'{"spam":"eggs","food":"plant"}\'))',
    { spam: "eggs" },
  ],
  [
    '@intersection(json(\'{"spam":"eggs","food":[5,4,1,-1]}\'),json(\'{"spam":"eggs","food":[5,4,1,-1]}\'))',
    { spam: "eggs", food: [5, 4, 1, -1] },
  ],
  [
    "@intersection(createArray(30,20,12,10,6,0),createArray(0,2,6,10,12,30),createArray(0,6,30,12),createArray(0,30,10))",
    [30, 0],
  ],
  ["@intersection(createArray(5,4,5,5,4),json('[]'))", []],
  ["@intersection(createArray(5,4,5,5,4),createArray(4,4,5))", [5, 4]],
  ["@intersection(createArray(4,4,5),createArray(5,4,5,5,4))", [4, 5]],
  ["@union(createArray(5,4,3,2,1),createArray('a','b',3,5,1))", [5, 4, 3, 2, 1, "a", "b"]],
  ["@union(createArray('a','b',3,5,1),createArray(5,4,3,2,1))", ["a", "b", 3, 5, 1, 4, 2]],
  ["@union(createArray(3,4,4,5),createArray(1,2,3,4,4,5))", [3, 4, 5, 1, 2]],
  ["@union(json('{\"spam\":3}'),createArray('spam'))", type],
  [
    '@union(json(\'{"spam":"eggs","thing":3}\'),json(\'{"spam":3,"food":"eggs"}\'))',
    { spam: 3, thing: 3, food: "eggs" },
  ],
  [
    '@union(json(\'{"spam":"eggs","food":[5,4,1,-1]}\'),json(\'{"spam":"eggs","food":[1,2,3]}\'))',
    { spam: "eggs", food: [1, 2, 3] },
  ],
  ["@union(createArray(5,4,5,5,4),json('[]'))", [5, 4]],
  ["@union(json('[]'),createArray(5,4,5,5,4))", [5, 4]],
]);

// IA IllogicApps.Expression.Execution.Test/LogicTests.fs: and/or/if, also with one argument,
// and short-circuiting (an argument after the deciding one is never looked at).
table("and, or, if", [
  ["@and(true)", true],
  ["@and(false)", false],
  ["@or(true)", true],
  ["@or(false)", false],
  ["@and(true,true,true,true,true,true,true,true,false)", false],
  ["@or(false,false,false,true,false)", true],
  ["@and(and(true,true),and(true,false))", false],
  ["@or(or(false,false),or(false,false))", false],
  ["@if(if(true,false,true),if(true,1,2),if(true,3,4))", 3],
  ["@and(false,'not a boolean')", false],
  ["@or(true,'not a boolean')", true],
  ["@and(true,'not a boolean')", type],
  ["@and('not a boolean',false)", type],
]);

// IA IllogicApps.Expression.Execution/LogicAppsComparison.fs: strings compare ordinally
// (case-sensitive, by UTF-16 code unit); integers and floats by value; booleans are equal
// or not but have no order; a boolean equals its JSON text ('true'/'false'); other mixes are
// unequal and cannot be ordered. ADF page: equals(true, 1) is true.
table("equals and ordering", [
  ["@equals('abc', 'ABC')", false],
  ["@equals(1, 1.0)", true],
  ["@equals(1, '1')", false],
  ["@equals(null, null)", true],
  ["@equals(true, true)", true],
  ["@equals(true, 'true')", true],
  ["@equals('false', false)", true],
  ["@equals(true, 'True')", false],
  ["@equals(true, 1)", true],
  ["@equals(createArray(1, 'a'), createArray(1, 'a'))", true],
  ["@greater('a', 'B')", true],
  ["@greater('A', 'a')", false],
  ["@less('apple', 'Banana')", false],
  ["@less('Zebra', 'apple')", true],
  ["@greaterOrEquals('abc', 'abc')", true],
  ["@lessOrEquals('abc', 'ABC')", false],
  ["@greater(2, 1.5)", true],
  ["@less(1, 1.0)", false],
  ["@lessOrEquals(1, 1.0)", true],
  ["@greater(true, false)", type],
  ["@greater('10', 9)", type],
  ["@greater(createArray(1), createArray(0))", type],
  ["@greaterOrEquals(float('NaN'), 1)", false],
  ["@lessOrEquals(float('NaN'), 1)", false],
  ["@equals(float('NaN'), float('NaN'))", false],
]);

// IA IllogicApps.Expression.Execution.Test/BasicLanguageTests.fs: literals, interpolation,
// `@@`, member access.
table("basic language", [
  ["str", "str"],
  ["", ""],
  [" @@,,}", " @@,,}"],
  [" @,,}", " @,,}"],
  ["@@unparsed!", "@unparsed!"],
  ["@@{still unparsed}", "@{still unparsed}"],
  ["@@{'abc'}@{'def'}@@{'ghi'}j@{'kl'}", "@{'abc'}@{'def'}@@{'ghi'}j@{'kl'}"],
  ["@null", null],
  ["@true", true],
  ["@1", 1],
  ["@-51", -51],
  ["@+54", 54],
  ["@0.5", 0.5],
  ["@+.5", 0.5],
  ["@-01.0", -1],
  ["@3e1", 30],
  ["@3.2e-1", 0.32],
  ["@{1}", "1"],
  ["@{+54}", "54"],
  ["@{3e1}", "30"],
  ["@{0.5}", "0.5"],
  ["@{-01.0}", "-1"],
  ["@{3.2e-1}", "0.32"],
  ["@'don''t worry'", "don't worry"],
  ["@{'don''t worry'}", "don't worry"],
  ["foo @{'bar'} baz", "foo bar baz"],
  ["@{'h'}@{'e'}@{'l'}@{'l'}@{'o'}", "hello"],
  ["testing @@{'blah'} @{'thing'}", "testing @{'blah'} thing"],
  ["@{true}", "True"],
  ["@{false}", "False"],
  ["@{null}", ""],
  ["@{createArray(1, 'a', true, null)}", '[1,"a",true,null]'],
  ["@{json('{\"abCDef\": 123}').abcdef}", "123"],
  ["@json('{\"abCDef\": 123}').AbcdEF", 123],
  ["@json('{\"abCDef\": 123}')?.abcdef", 123],
  ["@json('{\"abCDef\": 123}')['AbcdEF']", 123],
  ["@json('{\"abCDef\": 123}')?['abcdef']", 123],
  ['@json(\'{"a": 1, "A": 2}\').a', 1],
  ['@json(\'{"a": 1, "A": 2}\').A', 2],
  ['@json(\'{"A": 1, "a": 2}\').a', 2],
  ['@json(\'{"aAa": 1, "AaA": 2}\').aaa', 1],
  ['@json(\'{"AaA": 1, "aAa": 2}\').AAA', 1],
  ["@ADD(INT('123'),INT('456'))", 579],
]);

// IA IllogicApps.Expression.Execution.Test/BasicLanguageTests.fs: expressions that do not parse.
table("syntax errors", [
  ["@'a','b','c'", error("ExpressionSyntax")],
  ["@{'a','b','c'}", error("ExpressionSyntax")],
  ["@'a'}", error("ExpressionSyntax")],
  ["@{'a'", error("ExpressionSyntax")],
  [" @{", error("ExpressionSyntax")],
  ["@()", error("ExpressionSyntax")],
  ["@{}", error("ExpressionSyntax")],
  ["@concat", error("ExpressionSyntax")],
  ["@concat('a','b')('c')", error("ExpressionSyntax")],
  ["@+", error("ExpressionSyntax")],
  ["@1e", error("ExpressionSyntax")],
  ["@1e+", error("ExpressionSyntax")],
  ["@1e1.1", error("ExpressionSyntax")],
  ["@++1", error("ExpressionSyntax")],
  ["@--1", error("ExpressionSyntax")],
  ['@string( { "name": "Sophie Owen" } )', error("ExpressionSyntax")],
]);
