/** Realistic names for the demo organisation: Dutch and Danish customers of a SaaS company. */
export const NL_COMPANIES = [
  'Van der Berg Installatietechniek', 'Bakker Logistiek', 'Jansen & De Vries Advocaten', 'Groene Hart Zorggroep', 'Hollandse Bouwunie',
  'Rijnmond Havendiensten', 'De Kleine Brouwerij', 'Utrechtse Woningstichting', 'Zeeland Aquacultuur', 'Noorderlicht Energie',
  'Brabantse Metaalwerken', 'Amstel Media Groep', 'Veluwe Recreatie', 'Friesland Zuivelcoöperatie', 'Stadsbank Haarlem',
  'Delfts Ingenieursbureau', 'Limburg Mijnbouw Consult', 'Maas & Waal Transport', 'Eindhoven Sensor Systems', 'Gouda Kaashandel',
  'Twente Textiel', 'Leidse Onderwijsgroep', 'Dordrecht Scheepswerf', 'Nijmegen Medisch Centrum', 'Alkmaar Bloemenveiling',
  'Zwolle Facilitair', 'Arnhem Kunstacademie', 'Tilburg Retail Partners', 'Groningen Gasunie Services', 'Breda Catering',
  'Almere Smart City', 'Haags Bouwadvies', 'Rotterdamse Architecten', 'Hoorn Jachtbouw', 'Enschede Robotics',
  'Den Bosch Accountants', 'Apeldoorn Verzekeringen', 'Deventer Uitgeverij', 'Maastricht Congrescentrum', 'Venlo Agrofood',
  'Schiedam Distilleerderij', 'Leeuwarden Watertechnologie', 'Hilversum Broadcast', 'Amersfoort ICT Diensten', 'Zaandam Cacao',
  'Vlaardingen Visserij', 'Emmen Kunststoffen', 'Helmond Automotive', 'Purmerend Zorg', 'Katwijk Kustbeheer',
] as const;

export const DK_COMPANIES = [
  'Nordhavn Logistik', 'Aarhus Vindkraft', 'Odense Robotteknik', 'Fyns Mejeri', 'Københavns Arkitekter',
  'Aalborg Cement Service', 'Jysk Byggemarked Partner', 'Esbjerg Offshore', 'Roskilde Festivaltjenester', 'Vejle Møbelfabrik',
  'Horsens Fødevarer', 'Randers Regnskov Drift', 'Kolding Design', 'Silkeborg Papir', 'Herning Tekstil',
  'Helsingør Værft', 'Svendborg Søfart', 'Viborg Landbrugsrådgivning', 'Holstebro Maskinfabrik', 'Næstved Medico',
  'Frederikshavn Fiskeri', 'Skagen Turisme', 'Hillerød Hospitalsdrift', 'Greve Entreprise', 'Taastrup Biotek',
  'Ballerup Software', 'Lyngby Ingeniørhus', 'Gentofte Advokater', 'Valby Bryggeri', 'Amager Energi',
] as const;

export const FIRST_NAMES_NL = ['Sanne', 'Daan', 'Lotte', 'Bram', 'Femke', 'Joost', 'Eva', 'Ruben', 'Anouk', 'Thijs', 'Marloes', 'Pieter', 'Iris', 'Wouter', 'Noor', 'Jeroen'];
export const LAST_NAMES_NL = ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'de Boer', 'Bos', 'Vos', 'Peters', 'Hendriks'];
export const FIRST_NAMES_DK = ['Mette', 'Lars', 'Sofie', 'Mads', 'Camilla', 'Rasmus', 'Ida', 'Jens', 'Freja', 'Anders', 'Louise', 'Søren', 'Maja', 'Kasper'];
export const LAST_NAMES_DK = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Madsen', 'Kristensen'];

export const JOB_TITLES = ['Marketing Manager', 'Head of Sales', 'IT Manager', 'CFO', 'Office Manager', 'Procurement Lead', 'CEO', 'Operations Director', 'Tender Specialist', 'Finance Controller'];

export const INTERACTION_TEMPLATES = [
  { kind: 'call', subject: 'Quarterly check-in', body: 'Walked through usage of the last quarter. Team is happy with the tender alerts; asked about the reporting module.' },
  { kind: 'email', subject: 'Onboarding: CRM integration steps', body: 'Sent the integration guide and proposed a slot for the technical set-up session.' },
  { kind: 'meeting', subject: 'Business review with the decision maker', body: 'Reviewed goals for next year: +20% qualified leads. Discussed the Enterprise edition and professional services.' },
  { kind: 'note', subject: 'Champion is leaving the company', body: 'Our champion moves to another role next month. Need to build a relationship with the new marketing lead.' },
  { kind: 'support_request', subject: 'Cannot export the monthly report', body: 'Export to Excel fails for reports over 10,000 rows. Logged with support; workaround shared.' },
  { kind: 'chat', subject: 'Question about user seats', body: 'Asked whether seats can be moved between departments. Explained the admin settings.' },
  { kind: 'call', subject: 'Renewal conversation', body: 'Renewal is due in 90 days. Customer asked for a multi-year offer; will prepare a quote.' },
  { kind: 'email', subject: 'Invitation to the upgrade webinar', body: 'Invited the team to the webinar about the new platform and the upgrade timeline for their country.' },
  { kind: 'meeting', subject: 'Training session for new users', body: 'Trained 6 new users on workflows and lead nurture. Shared the recording and the knowledge base links.' },
  { kind: 'note', subject: 'Low activity in the last 30 days', body: 'Logins dropped by half. Plan: call the champion and offer a refresher training.' },
] as const;
