// Dutch surnames and tussenvoegsels. The faker-derived part is copied from @faker-js/faker 10.6.0,
// locale nl (MIT licence, dutch-pii.md §7.2); the rest are common Dutch surnames (CBS / Meertens top
// lists, §4.5). The order is part of the output contract (the PRF indexes into these lists): change
// a list only together with WORDLIST_VERSION in dutch-words.ts.

/** Common surnames without a tussenvoegsel. */
export const BARE_SURNAMES: readonly string[] = [
  'Aalbers', 'Bakker', 'Bijl', 'Blom', 'Boer', 'Bos', 'Bosch', 'Bosman', 'Brouwer', 'Cornelissen', 'Corsten',
  'Dekker', 'Dijkstra', 'Driessen', 'Evers', 'Freriks', 'Gerritsen', 'Groen', 'Groothuizen', 'Hartman',
  'Hazes', 'Hendriks', 'Hermans', 'Hofman', 'Huisman', 'Jacobs', 'Jansen', 'Janssen', 'Jonker', 'Klein',
  'Kok', 'Koning', 'Kramer', 'Kuijpers', 'Kuiper', 'Kuypers', 'Lubbers', 'Maas', 'Martens', 'Meeuwis',
  'Meijer', 'Meyer', 'Mol', 'Molenaar', 'Moors', 'Mulder', 'Nijland', 'Oosterhuis', 'Peeters', 'Poels',
  'Post', 'Postma', 'Prinsen', 'Rietman', 'Ritsma', 'Sanders', 'Schipper', 'Scholten', 'Smeets', 'Terlouw',
  'Timmermans', 'Veenstra', 'Verbeek', 'Verhoeven', 'Vermeulen', 'Vink', 'Visser', 'Vos', 'Wagenaar',
  'Willems', 'Willemsen', 'Wolters', 'Zijlstra', 'Zuiderveld',
  'Smit', 'Peters', 'Dekkers', 'Schouten', 'Prins', 'Kuipers', 'Koster', 'Hoekstra', 'Wouters', 'Hoek',
  'Claassen', 'Verschuren', 'Kok', 'Bosma', 'Boersma', 'Wijnen', 'Mertens', 'Bouwman', 'Jonkers', 'Pieters',
  'Hoogendoorn', 'Vonk', 'Vink', 'Kroon', 'Brink', 'Dijkman', 'Stam', 'Kool', 'Veldman', 'Heijnen',
  'Kuijper', 'Wijnands', 'Lammers', 'Sluiter', 'Verweij', 'Bouma', 'Wiersma', 'Kamphuis', 'Haan',
  'Hoogeveen', 'Franken', 'Arts', 'Michels', 'Kuijten', 'Rutten', 'Theunissen', 'Linssen', 'Hoefnagels',
  'Verstappen', 'Geerts', 'Mulders', 'Nijhuis', 'Bosschaart', 'Brands', 'Coenen', 'Vos', 'Verhagen',
  'Wouda', 'Tuinstra', 'Hiemstra', 'Jellema', 'Kingma', 'Terpstra', 'Visscher', 'Bruins', 'Mol', 'Nauta',
  'Koopman', 'Zwart', 'Wit', 'Dam', 'Schreuder', 'Roos', 'Schaap', 'Vlaar', 'Admiraal', 'Ploeg',
  'Hopman', 'Schuurman', 'Brugman', 'Tromp', 'Kooistra', 'Smits', 'Hermsen', 'Derksen', 'Jaspers',
  'Verbruggen', 'Reijnders', 'Pauwels', 'Aerts', 'Baars', 'Beekman', 'Bergman', 'Bleeker', 'Boon',
  'Bouwmeester', 'Buitenhuis', 'Dijkhuizen', 'Doornbos', 'Eijkelenboom', 'Gerrits', 'Goossens', 'Haverkamp',
  'Heemskerk', 'Holtkamp', 'Hoogland', 'Jongsma', 'Keizer', 'Klaassen', 'Kleinjan', 'Koenen', 'Kuijt',
  'Lammertink', 'Leenders', 'Lindeboom', 'Meulenbelt', 'Mooij', 'Nieuwenhuis', 'Oostra', 'Ouwehand',
  'Pronk', 'Raaijmakers', 'Rademaker', 'Renes', 'Ruijs', 'Schepers', 'Scheffer', 'Spijkerman', 'Steenbergen',
  'Stoffels', 'Teunissen', 'Tiemens', 'Valk', 'Verkerk', 'Vermeer', 'Verhoef', 'Vlietstra', 'Vrolijk',
  'Westerhof', 'Wijnberg', 'Zandbergen', 'Zeeman', 'Yilmaz', 'Nguyen', 'Ali', 'Kaya', 'Demir', 'Bennani',
].filter((s, i, all) => all.indexOf(s) === i);

/**
 * Common surnames with their tussenvoegsel stored apart, as the BRP splits them (voorvoegsel
 * geslachtsnaam / geslachtsnaam). A surname with a tussenvoegsel is replaced by one of these, so
 * that "de Vries" stays the shape "tussenvoegsel + surname".
 */
export const PREFIXED_SURNAMES: readonly (readonly [string, string])[] = ([
  ['de', 'Boer'], ['de', 'Bruijn'], ['de', 'Bruyn'], ['de', 'Corte'], ['de', 'Graaf'], ['de', 'Groot'],
  ['de', 'Haan'], ['de', 'Jong'], ['de', 'Jonge'], ['de', 'Koning'], ['de', 'Lange'], ['de', 'Leeuw'],
  ['de', 'Nijs'], ['de', 'Ruiter'], ['de', 'Vos'], ['de', 'Vries'], ['de', 'Wit'], ['den', 'Adel'],
  ['van', 'Beek'], ['van', 'Dam'], ['van', 'Dijk'], ['van', 'Dongen'], ['van', 'Doorn'], ['van', 'Ginneken'],
  ['van', 'Iersel'], ['van', 'Leeuwen'], ['van', 'Loon'], ['van', 'Veen'], ['van', 'Vliet'], ['van', 'Wijk'],
  ['van de', 'Berg'], ['van de', 'Brink'], ['van de', 'Meer'], ['van de', 'Pol'], ['van de', 'Veen'],
  ['van de', 'Velden'], ['van de', 'Ven'], ['van de', 'Wal'], ['van den', 'Berg'], ['van den', 'Bosch'],
  ['van den', 'Broek'], ['van den', 'Heuvel'], ['van den', 'Pol'], ['van den', 'Velde'], ['van der', 'Berg'],
  ['van der', 'Heijden'], ['van der', 'Heyden'], ['van der', 'Horst'], ['van der', 'Laan'], ['van der', 'Linden'],
  ['van der', 'Meer'], ['van der', 'Meulen'], ['van der', 'Pol'], ['van der', 'Velde'], ['van der', 'Velden'],
  ['van der', 'Ven'], ['van der', 'Wal'],
  ['van', 'Rijn'], ['van', 'Vliet'], ['van', 'Beek'], ['van', 'Es'], ['van', 'Os'], ['van', 'Ham'],
  ['van', 'Rooij'], ['van', 'Gils'], ['van', 'Zanten'], ['van', 'Wijngaarden'], ['van', 'Essen'],
  ['van der', 'Heide'], ['van der', 'Veen'], ['van der', 'Zee'], ['van der', 'Graaf'], ['van der', 'Werf'],
  ['van den', 'Bergh'], ['van den', 'Hoek'], ['van de', 'Kamp'], ['van de', 'Laar'], ['de', 'Kok'],
  ['de', 'Bakker'], ['de', 'Wilde'], ['de', 'Beer'], ['de', 'Klerk'], ['de', 'Meij'], ['de', 'Rooij'],
  ['de', 'Waal'], ['de', 'Hoog'], ['de', 'Zwart'], ['den', 'Hartog'], ['den', 'Boer'], ['den', 'Ouden'],
  ['ter', 'Horst'], ['ter', 'Haar'], ['ter', 'Beek'], ['ten', 'Brink'], ['ten', 'Cate'], ['ten', 'Have'],
  ['te', 'Riele'], ['te', 'Velde'], ["van 't", 'Hof'], ["van 't", 'Veer'], ["in 't", 'Veld'], ["in 't", 'Hout'],
  ['op den', 'Velde'], ['op de', 'Weegh'], ['uit de', 'Bos'], ['uit den', 'Bogaard'], ['van het', 'Kaar'],
  ['in de', 'Braekt'], ['aan de', 'Stegge'], ['van', 'Oosten'], ['van', 'Houten'], ['van', 'Schaik'],
] as (readonly [string, string])[]).filter((p, i, all) => all.findIndex((q) => q[0] === p[0] && q[1] === p[1]) === i);

/**
 * Tussenvoegsels recognised when parsing a name (BRP Tabel 36 style, dutch-pii.md §4.5), lowercase.
 * Parsing takes the longest one that matches, so multi-word forms come first.
 */
export const PARSE_TUSSENVOEGSELS: readonly string[] = [
  'uijt te de', 'van der', 'van den', 'van de', "van 't", 'van het', 'van ter', 'van ten',
  "in 't", 'in het', 'in de', 'in den', 'op den', 'op de', 'op het', "op 't", 'op ten', 'uit de', 'uit den',
  'uit het', "uit 't", 'aan de', 'aan den', 'aan het', "aan 't", 'bij de', 'bij den', "bij 't", 'onder de',
  'onder den', 'over de', 'voor de', 'voor den', "voor 't", 'de la', 'de le', 'de los', 'de las', 'van',
  'de', 'der', 'den', 'des', 'ter', 'ten', 'te', 'het', "'t", 'in', 'op', 'uit', 'aan', 'bij', 'onder',
  'over', 'voor', 'von', 'zu', 'vom', 'zum', 'zur', 'dos', 'das', 'da', 'di', 'du', 'la', 'le', 'el',
].filter((s, i, all) => all.indexOf(s) === i);
