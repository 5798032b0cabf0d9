// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
import { describe, expect, it } from 'vitest';
import { findUnfilled } from './unfilled.ts';

const texts = (s: string) => findUnfilled(s).map((u) => [u.text, u.index, u.distinctive]);

describe('findUnfilled', () => {
  it('finds the export markers of the corpus: @URL@, @@CLIENT_ID@@, <URL>, a bare @@ before a path', () => {
    const ga = '@URL@/v1alpha/properties/@ACCOUNTID@/userLinks/'; // google-analytics CreateAccountJSON url
    expect(texts(ga)).toEqual([
      ['@URL@', 0, true],
      ['@ACCOUNTID@', ga.indexOf('@ACC'), true],
    ]);
    expect(texts('@@CLIENT_ID@@')).toEqual([['@@CLIENT_ID@@', 0, true]]);
    expect(texts('https://<URL>/v1/x')).toEqual([['<URL>', 8, true]]);
    expect(texts("${a ? '@@/services/x' : null}")).toEqual([['@@', 7, true]]);
    expect(texts('Basic <base64(apitoken:API_TOKEN)>')).toEqual([['<base64(apitoken:API_TOKEN)>', 6, false]]);
  });

  it('does not take e-mail addresses, Groovy comparisons or replace(<) for placeholders', () => {
    expect(texts('jane.doe@example.com')).toEqual([]);
    expect(texts('${a<b && c>d}')).toEqual([]);
    expect(texts("${headers?.Link?.replace('<', '')?.replace('>;rel=\"next\"','')}")).toEqual([]);
    expect(texts('${x<y?1:z>0}')).toEqual([]);
  });

  it('takes <name> inside an expression only as a path segment or host', () => {
    const t = "${n==null?null:'https://h/accounts/< ACC ID>/userLinks'}"; // google-analytics nextUrlPath
    expect(texts(t)).toEqual([['< ACC ID>', t.indexOf('<'), true]]);
  });
});
