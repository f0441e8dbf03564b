import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { publicSurveyUrl, qrPng, qrSvg } from './survey-poster';

const decode = (png: Buffer): string | undefined => {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
};

describe('survey poster', () => {
  it.each([
    ['a base without a trailing slash', 'https://pantau.banjarmasinkota.go.id/survei', 'https://pantau.banjarmasinkota.go.id/survei/abc-123'],
    ['a base with trailing slashes', 'https://pantau.banjarmasinkota.go.id/survei//', 'https://pantau.banjarmasinkota.go.id/survei/abc-123'],
  ])('builds the public link from %s', (_, base, expected) => {
    expect(publicSurveyUrl(base, 'abc-123')).toBe(expected);
  });

  it('escapes a link id that is not URL-safe', () => {
    expect(publicSurveyUrl('http://x/survei', 'a b/c')).toBe('http://x/survei/a%20b%2Fc');
  });

  it('renders a PNG that a scanner reads back as the link', async () => {
    const url = publicSurveyUrl('https://pantau.banjarmasinkota.go.id/survei', '0b6f1d52-5c4e-4d1b-9d8e-2f4b7a1c9e30');
    expect(decode(await qrPng(url))).toBe(url);
  });

  it('renders an SVG poster code with a quiet zone', async () => {
    const svg = await qrSvg('https://pantau.example/survei/abc');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('viewBox="0 0 ');
    expect(svg).toMatch(/<path fill="#ffffff"/);
  });
});
