// Column-name classification (dutch-pii.md §0.4 L2): the name tokens each section of the spec lists
// for its type. Names are split on `_`, `-`, spaces, digits and camelCase; an entry matches a run
// of consecutive tokens written together ("geboorteDatum", "geb_datum" and "gebdatum" all match
// `geb_datum`), never part of a token, so "bedrijfsnaam" is not a `naam`.

/** What a column looks like it holds, by its name. */
export type PiiClass =
  | 'bsn' | 'plate' | 'iban' | 'postcode' | 'phone' | 'email' | 'birth_date' | 'name' | 'address'
  | 'nationality' | 'education' | 'special-category';

const TOKENS: Readonly<Record<PiiClass, readonly string[]>> = {
  bsn: ['bsn', 'burgerservicenummer', 'burger_service_nummer', 'bsnnummer', 'sofi', 'sofinummer', 'sofinr', 'sofi_nr', 'persoonsnummer',
    'fiscaalnummer', 'fiscaal_nummer', 'citizen_service_number', 'ssn', 'national_id', 'rsin'],
  plate: ['kenteken', 'kentekenplaat', 'nummerbord', 'license_plate', 'licence_plate', 'plate', 'vrm'],
  iban: ['iban', 'rekening', 'rekeningnummer', 'bankrekening', 'tegenrekening', 'account_number', 'bban'],
  postcode: ['postcode', 'postcode_nummer', 'pc6', 'pc4', 'zipcode', 'zip', 'postal_code'],
  phone: ['telefoon', 'tel', 'telefoonnummer', 'mobiel', 'gsm', 'phone', 'mobile', 'msisdn', 'fax'],
  email: ['email', 'e_mail', 'mail', 'emailadres'],
  birth_date: ['geboortedatum', 'geb_datum', 'gebdat', 'geboren', 'dob', 'birth_date', 'date_of_birth', 'geboortejaar'],
  name: ['voornaam', 'voornamen', 'roepnaam', 'voorletters', 'tussenvoegsel', 'voorvoegsel', 'achternaam', 'geslachtsnaam', 'naam',
    'aanschrijfnaam', 'partnernaam', 'first_name', 'last_name', 'surname'],
  address: ['straat', 'straatnaam', 'openbare_ruimte', 'huisnummer', 'huisnr', 'huisletter', 'toevoeging', 'adres', 'woonplaats', 'plaats',
    'address', 'street', 'house_number'],
  nationality: ['nationaliteit', 'nat', 'nationality', 'staatsburgerschap', 'citizenship'],
  education: ['opleiding', 'opleidingsniveau', 'onderwijsniveau', 'diploma', 'studie', 'school', 'brin', 'education', 'degree'],
  'special-category': ['diagnose', 'ziekte', 'aandoening', 'klacht', 'medicatie', 'medicijn', 'recept', 'behandeling', 'zorg', 'ggz', 'psych',
    'beperking', 'handicap', 'arbeidsongeschikt', 'ao_perc', 'ao_percentage', 'wia', 'wga', 'iva', 'wajong', 'ziektewet', 'zw', 'verzuim',
    'ziekmelding', 'belastbaarheid', 'fml', 'zwanger', 'allergie', 'bloedgroep', 'bmi', 'icd', 'icpc', 'dbc', 'atc', 'health', 'medical',
    'diagnosis', 'etniciteit', 'afkomst', 'herkomst', 'migratieachtergrond', 'geboorteland_ouder', 'religie', 'geloof', 'kerk', 'vakbond',
    'strafblad', 'vog', 'veroordeling', 'delict', 'justitie', 'seksuele_geaardheid', 'biometrie', 'vingerafdruk', 'pasfoto'],
};

/** Every entry written together (underscores dropped) → its class; the first class listing it wins. */
const BY_JOINED: ReadonlyMap<string, PiiClass> = new Map(
  (Object.entries(TOKENS) as [PiiClass, readonly string[]][]).flatMap(([cls, list]) => list.map((t) => [t.replace(/_/g, ''), cls] as const)).reverse(),
);
const LONGEST = Math.max(...[...BY_JOINED.keys()].map((k) => k.length));

/** Lowercase name tokens: "geboorteDatum_2" → ["geboorte", "datum"]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((t) => t.length > 0);
}

/** The PII class a column name points to (spec L2 tokens), or null when it names none. */
export function classifyColumnName(name: string): PiiClass | null {
  const tokens = nameTokens(name);
  // "diploma_id", "klant_key": a reference to a row, not the thing itself. Only an entry that
  // includes the final token ("national_id") still counts then.
  const reference = tokens.length > 1 && (tokens[tokens.length - 1] === 'id' || tokens[tokens.length - 1] === 'key');
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    for (let j = i; j < tokens.length && joined.length <= LONGEST; j++) {
      joined += tokens[j];
      const cls = BY_JOINED.get(joined);
      if (cls && (!reference || j === tokens.length - 1)) return cls;
    }
  }
  return null;
}
