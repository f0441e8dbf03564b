import { toBuffer, toString } from 'qrcode';

/** Where a respondent opens the form of a survey: the portal's page for its public link. */
export function publicSurveyUrl(baseUrl: string, publicLinkId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(publicLinkId)}`;
}

// Level M survives a poster that is a little dirty or creased (15 % of the modules) and keeps the
// code small enough to scan from a counter; the 4-module quiet zone is what scanners expect.
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** The QR code of `url` as SVG, to print at any size on the office poster (papan pengumuman). */
export function qrSvg(url: string): Promise<string> {
  return toString(url, { ...QR_OPTIONS, type: 'svg' });
}

/** The QR code of `url` as PNG, for documents and chat messages; `scale` pixels per module. */
export function qrPng(url: string, scale = 8): Promise<Buffer> {
  return toBuffer(url, { ...QR_OPTIONS, type: 'png', scale });
}
