/**
 * Nationalities with their BRP Tabel 32 code (dutch-pii.md §4.7), ISO 3166 codes where a country
 * exists, EU membership, and a default weight. Codes are from the RvIG Landelijke tabellen; the
 * weights approximate the Dutch population by nationality (CBS StatLine, about 2024, per mille,
 * rounded; people with Dutch and another nationality count as Dutch). Versioned data: changing a
 * weight or the order changes which fake each row gets.
 */

/** One nationality as the BRP and other systems write it. */
export interface Nationality {
  /** Dutch adjective, as in "Nederlandse", or the Tabel 32 wording where there is none. */
  readonly adjective: string;
  /** Tabel 32 code, 4 digits. */
  readonly code: string;
  /** ISO 3166-1 alpha-2 and alpha-3, or null (Onbekend, Staatloos). */
  readonly iso2: string | null;
  readonly iso3: string | null;
  /** Member of the European Union. */
  readonly eu: boolean;
  /** Default sampling weight, per mille of the population. */
  readonly weight: number;
}

const n = (adjective: string, code: string, iso2: string | null, iso3: string | null, eu: boolean, weight: number): Nationality =>
  ({ adjective, code, iso2, iso3, eu, weight });

/** The nationality table, most frequent first (sampling scans it in order). */
export const NATIONALITIES: readonly Nationality[] = [
  n('Nederlandse', '0001', 'NL', 'NLD', true, 920),
  n('Poolse', '0072', 'PL', 'POL', true, 9),
  n('Duitse', '0055', 'DE', 'DEU', true, 6),
  n('Oekraïense', '0034', 'UA', 'UKR', false, 6),
  n('Syrische', '0336', 'SY', 'SYR', false, 5),
  n('Turkse', '0339', 'TR', 'TUR', false, 5),
  n('Roemeense', '0074', 'RO', 'ROU', true, 4),
  n('Bulgaarse', '0053', 'BG', 'BGR', true, 3.5),
  n('Italiaanse', '0064', 'IT', 'ITA', true, 3.5),
  n('Indiase', '0312', 'IN', 'IND', false, 3.5),
  n('Marokkaanse', '0131', 'MA', 'MAR', false, 3),
  n('Spaanse', '0077', 'ES', 'ESP', true, 3),
  n('Britse', '0060', 'GB', 'GBR', false, 3),
  n('Belgische', '0052', 'BE', 'BEL', true, 2.5),
  n('Chinese', '0307', 'CN', 'CHN', false, 2.5),
  n('Portugese', '0073', 'PT', 'PRT', true, 2),
  n('Franse', '0057', 'FR', 'FRA', true, 2),
  n('Griekse', '0059', 'GR', 'GRC', true, 1.5),
  n('Eritrese', '0084', 'ER', 'ERI', false, 1.5),
  n('Hongaarse', '0061', 'HU', 'HUN', true, 1.5),
  n('Amerikaanse', '0223', 'US', 'USA', false, 1.5),
  n('Afghaanse', '0300', 'AF', 'AFG', false, 1),
  n('Iraakse', '0314', 'IQ', 'IRQ', false, 1),
  n('Iraanse', '0315', 'IR', 'IRN', false, 1),
  n('Indonesische', '0313', 'ID', 'IDN', false, 1),
  n('Russische', '0041', 'RU', 'RUS', false, 1),
  n('Braziliaanse', '0253', 'BR', 'BRA', false, 1),
  n('Litouwse', '0046', 'LT', 'LTU', true, 1),
  n('Onbekend', '0000', null, null, false, 1),
  n('Filipijnse', '0309', 'PH', 'PHL', false, 0.7),
  n('Surinaamse', '0263', 'SR', 'SUR', false, 0.5),
  n('Somalische', '0149', 'SO', 'SOM', false, 0.5),
  n('Letse', '0044', 'LV', 'LVA', true, 0.5),
  n('Kroatische', '0043', 'HR', 'HRV', true, 0.5),
  n('Ierse', '0062', 'IE', 'IRL', true, 0.5),
  n('Staatloos', '0499', null, null, false, 0.5),
  n('Pakistaanse', '0331', 'PK', 'PAK', false, 0.4),
  n('Egyptische', '0112', 'EG', 'EGY', false, 0.3),
  n('Algerijnse', '0100', 'DZ', 'DZA', false, 0.2),
  n('Zweedse', '0080', 'SE', 'SWE', true, 0.3),
  n('Oostenrijkse', '0071', 'AT', 'AUT', true, 0.3),
  n('Slowaakse', '0027', 'SK', 'SVK', true, 0.3),
  n('Tsjechische', '0028', 'CZ', 'CZE', true, 0.3),
  n('Deense', '0054', 'DK', 'DNK', true, 0.2),
  n('Finse', '0056', 'FI', 'FIN', true, 0.2),
  n('Sloveense', '0042', 'SI', 'SVN', true, 0.1),
  n('Estische', '0045', 'EE', 'EST', true, 0.1),
  n('Luxemburgse', '0067', 'LU', 'LUX', true, 0.1),
  n('Maltese', '0068', 'MT', 'MLT', true, 0.05),
  n('Cyprische', '0308', 'CY', 'CYP', true, 0.05),
];

/** Tabel 32 code 0002: not a nationality but a status; generalises as Dutch. */
export const BEHANDELD_ALS_NEDERLANDER = '0002';
