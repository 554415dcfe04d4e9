// English. Typed against the Chinese catalogue, so a key missing here fails the type check; its
// {{placeholders}} are checked by messages.test.ts. Data quoted from a file (column and sheet names, what a
// cell held) stays as written, in “”: the ledger's column names are Chinese by design (docs/LEDGER.md).

import type { Catalogue } from "./zh";

export const en: Catalogue = {
  "common.quoted": "“{{text}}”",
  "common.listSeparator": ", ",

  "error.invalidInput": "Invalid input",
  "error.unknownField": "Unknown field",
  "error.loginFirst": "Please sign in first",
  "error.forbidden": "Not allowed",
  "error.missingXhrHeader": "The X-Requested-With request header is missing",
  "error.payloadTooLarge": "The request body is too large",
  "error.invalidJson": "The request body is not valid JSON",
  "error.invalidJsonField": "Not valid JSON",
  "error.badRequest": "Malformed request",
  "error.duplicate": "The same record already exists",
  "error.constraint": "The data breaks a constraint",
  "error.concurrent": "A concurrent change got in the way; please try again",
  "error.internal": "Internal server error (request {{requestId}})",
  "error.noSuchRoute": "No such API endpoint: {{method}} {{path}}",
  "error.unstorableText": "Contains characters that cannot be stored (NUL or an unpaired surrogate)",
  "error.idExpected": "Must be a positive whole number (an id)",
  "error.ifMatchMissing": "A change must carry the record's version (the If-Match request header)",
  "error.ifMatchInvalid": "The version is malformed",

  "notFound.area": "No such residential area",
  "notFound.zone": "No such zone",
  "notFound.user": "No such account",
  "notFound.building": "No such building",
  "notFound.preview": "No such import preview",
  "notFound.previewExpired": "No such import preview (it may have expired; please upload the file again)",

  "forbidden.taskforceOnly": "Only the task force may {{action}}",
  "forbidden.leaderReadOnly": "Leader accounts are read-only",
  "forbidden.ownAreaOnly": "You may change only the buildings of your own area",
  "action.default": "do this",
  "action.createZone": "add zones",
  "action.editZone": "edit zones",
  "action.createArea": "add residential areas",
  "action.editArea": "edit residential areas",
  "action.listUsers": "see the accounts",
  "action.createUser": "add accounts",
  "action.editUser": "edit accounts",
  "action.viewAudit": "see the change log",
  "action.setTargets": "set targets",
  "action.editLetters": "edit target letters",
  "action.setStallThresholds": "set the stall thresholds",

  "auth.tooManyFailures": "Too many failed sign-ins; please try again later",
  "auth.wrongCredentials": "Wrong username or password",
  "auth.busy": "Too many sign-ins at once and the server is busy; please try again shortly",

  "user.usernameTaken": "This username is taken",
  "user.cannotDemoteSelf": "You cannot disable your own account or give up your own task-force role",
  "user.tooManyPasswordAttempts": "Too many wrong current passwords; please try again later",
  "user.wrongCurrentPassword": "The current password is wrong",

  "building.reasonToWithdraw": "Withdrawing a building needs a reason",
  "building.reasonToRestore": "Restoring a building needs a reason",
  "building.addressTaken": "This address is already registered",
  "building.unchanged": "Nothing has changed",
  "building.withdrawnNoStage": "The building is withdrawn: no stage can be recorded",
  "building.withdrawn": "The building is withdrawn",
  "building.staleVersion":
    "Someone else has changed the building (now version {{current}}, you sent version {{sent}}); look at the latest and try again",

  "letter.signedAfterToday": "The signing date cannot be after today ({{today}})",

  "schema.dateInvalid": "A date must be YYYY-MM-DD and a real date",
  "schema.dateTooEarly": "A date cannot be before {{earliest}}",
  "schema.addressEmpty": "The address cannot be empty",
  "schema.nothingToChange": "Nothing to change",
  "schema.targetOwner": "A target belongs to an area or to a zone, not both",
  "schema.usernameRequired": "Enter the username",
  "schema.passwordRequired": "Enter the password",
  "schema.passwordTooShort": "A password has at least {{min}} characters",
  "schema.usernameCharacters": "A username may hold only letters, digits, underscores, dots and hyphens",
  "schema.secretaryNeedsArea": "A secretary must be bound to an area",
  "schema.onlySecretaryHasArea": "Only secretaries are bound to an area",
  "schema.onlyLeaderHasZone": "Only leaders can be bound to a zone",

  "stage.dateName.signed": "signing date",
  "stage.dateName.started": "start date",
  "stage.dateName.completed": "completion date",
  "stage.dateAfterToday": "The {{date}} cannot be after today ({{today}})",
  "stage.dateTooEarly": "The {{date}} cannot be before {{earliest}}",
  "stage.startWithoutSigning": "Not signed yet: no start can be recorded",
  "stage.completionWithoutStart": "Not started yet: no completion can be recorded",
  "stage.startedBeforeSigned": "The start date cannot be before the signing date ({{signedOn}})",
  "stage.completedBeforeStarted": "The completion date cannot be before the start date ({{startedOn}})",
  "stage.elderlyOverHouseholds": "Elderly households cannot outnumber the households",
  "stage.nothingToClear": "There is no {{date}} to clear",
  "stage.unchanged": "The {{date}} has not changed",
  "stage.clearLaterFirst": "The {{date}} cannot be cleared: clear the later stages' dates first",
  "stage.reasonToClear": "Clearing the {{date}} needs a reason",
  "stage.reasonToMoveEarlier": "Moving the {{date}} earlier needs a reason",

  "stream.tooManyForSession": "This sign-in has too many live connections open; close the pages you do not need",
  "stream.full": "The server's live connections are full; please try again later",

  "upload.tooLarge": "The file is over {{mb}} MB; split it and upload the parts",
  "upload.wrongType": "Send the .xlsx file itself as the request body (Content-Type: {{mime}}), not {{type}}",
  "upload.noType": "none",
  "upload.compressed": "Compressed uploads are not supported",
  "upload.interrupted": "The upload was interrupted",

  "reading.busy": "Another import file is being read; upload again in a few seconds",
  "reading.tooComplex":
    "The file is too complex to read in the time allowed: remove extra sheets, formatting or merged cells and upload it again",
  "reading.outOfMemory":
    "The file holds too much to read within the memory limit: split it or remove what is not needed and upload it again",
  "reading.unreadable": "This .xlsx file cannot be read; open it in Excel, save it again and upload it",
  "reading.unreadableShort": "Cannot be read",
  "reading.damaged":
    "This .xlsx file cannot be read (it may be damaged); open it in Excel, save it again and upload it",
  "reading.readerExited": "This .xlsx file cannot be read (the reader stopped unexpectedly: {{code}})",

  "xlsx.tooMuchText": "The file holds too much text to be an Excel ledger",
  "xlsx.notWorkbook": "This is not an Excel workbook (.xlsx); upload the ledger file",
  "xlsx.invalidDate": "invalid date",
  "xlsx.unknownCell": "unrecognised cell content",
  "xlsx.sheetMissing": "The file is damaged (the content of sheet “{{sheet}}” is missing)",
  "xlsx.sheetTooLarge": "Too many rows or columns: sheet “{{sheet}}” is over the import's limit; split the file",
  "xlsx.cellTooLong": "A cell is too long for an Excel ledger",
  "xlsx.badRowNumber": "The file is damaged (a row number of sheet “{{sheet}}” cannot be read)",
  "xlsx.badCellReference": "The file is damaged (cell {{cell}} cannot be read)",
  "xlsx.badMerge": "The merged cells of sheet “{{sheet}}” cannot be read",
  "xlsx.tooManyMerges": "Too many or too large merged cells; unmerge them and upload again",
  "xlsx.badXml":
    "This .xlsx file cannot be read ({{part}} is not valid XML; the file may be damaged); open it in Excel, save it again and upload it",

  "zip.oldXls":
    "This is an old .xls file or a password-protected workbook; save it in Excel as .xlsx (without a password) and upload that",
  "zip.pdf": "This is a PDF file; upload the .xlsx ledger",
  "zip.notXlsx": "The file is not an .xlsx; upload an .xlsx ledger saved by Excel (the import template is a start)",
  "zip.empty": "The file is empty",
  "zip.incompleteXlsx": "The file is incomplete or damaged (not a whole .xlsx)",
  "zip.zip64": "ZIP64 files are not supported",
  "zip.tooManyParts": "The file has too many parts to be an Excel ledger",
  "zip.badDirectory": "The file is damaged (its ZIP directory cannot be read)",
  "zip.duplicatePart": "The file is damaged (two parts have the same name)",
  "zip.encrypted": "The file is encrypted; remove the password and upload it again",
  "zip.badPartName": "The file is damaged (a part has an invalid name)",
  "zip.badEntry": "The file is damaged (a ZIP entry cannot be read)",
  "zip.directoryMismatch": "The file is damaged (its ZIP directory and entries disagree)",
  "zip.incomplete": "The file is incomplete or damaged",
  "zip.unsupportedMethod": "The file uses an unsupported compression method",
  "zip.inflatedTooLarge": "The file is too large once unpacked to be an Excel ledger",
  "zip.cannotInflate": "The file is damaged (it cannot be unpacked)",
  "zip.inflatedMismatch": "The file is damaged (its unpacked content does not match its record)",

  "sheet.noDataRows": "Sheet “{{sheet}}” has no data rows below its header (row {{row}})",
  "sheet.columnAt": "“{{name}}” (column {{letter}})",
  "sheet.stageLikeColumns":
    "{{columns}}: looks like stage dates but is not a ledger column, so nothing was imported lest dates be missed: rename it “签约日期”, “开工日期” or “完工日期”, or delete it, and upload again",
  "sheet.none": "(none)",
  "sheet.noHeader":
    "No ledger header found: none of the first {{rows}} rows of sheet {{sheets}} holds column names such as “编号”, “居民区”, “地址”. Use an exported ledger or the import template",
  "sheet.severalLedgers":
    "Sheets {{sheets}} all look like ledgers and it is unclear which to import: keep one ledger sheet",
  "sheet.mergedHeader":
    "Header “{{column}}” is a merged cell ({{range}}); unmerge it so each column has its own header, and upload again",
  "sheet.repeatedHeader": "Header “{{column}}” appears {{count}} times (columns {{letters}}); each may appear once",
  "sheet.missingColumns": "Sheet “{{sheet}}” lacks required columns: {{columns}}",
  "sheet.totalsRow": "A totals row, not imported",
  "sheet.tooManyRows": "Too many data rows: at most {{max}} rows can be imported at once; split the file",

  "cell.formula":
    "The cell holds a formula (={{formula}}) and the import takes no formulas: copy it and use “Paste Special → Values”, then import",
  "cell.errorValue": "The cell holds an error value ({{error}})",
  "cell.numberExpected": "Must be a number",
  "cell.numberExpectedNot": "Must be a number, not “{{text}}”",
  "cell.rateOfOne": "A consent rate of 1 is ambiguous: 100% or 1%? Write 100% or 1%",
  "cell.integerExpected": "Must be a whole number, not {{value}}",
  "cell.dateExpected": "Must be a date",
  "cell.dateExpectedNot": "Must be a date such as 2022-03-01 (or 2022/3/1, 20220301), not {{shown}}",
  "cell.theNumber": "the number {{value}}",
  "cell.notRealDate": "{{date}} is not a real date",
  "cell.invalidDate": "Invalid date",
  "cell.blockerExpected": "The blocker category must be one of {{allowed}}, not “{{text}}”",
  "cell.withdrawnExpected": "The withdrawn column takes “{{yes}}” or “{{no}}” (blank means “{{no}}”)",
  "cell.positiveInteger": "Must be a positive whole number",
  "cell.invalidValue": "Invalid value",

  "plan.hiddenRowsChanged":
    "Rows {{rows}} are hidden in the file (or filtered out) but have changes, which will be imported too: make sure they are meant",
  "plan.blankRow": "An empty row (defaults only), not imported",
  "plan.otherAreaUnchanged": "Another area's building, unchanged: skipped",
  "plan.noOwnArea": "none",
  "plan.areaEmpty": "The area cannot be empty",
  "plan.areaUnknown": "There is no area “{{area}}”",
  "plan.ownAreaOnly": "You may import only the buildings of your own area, “{{area}}”",
  "plan.idRepeated": "The same id as row {{row}}",
  "plan.idUnknown": "There is no building {{id}} (leave the id empty for a new building)",
  "plan.idOfOtherArea": "Building {{id}} is not of your own area, “{{area}}”",
  "plan.idMismatch":
    "Id {{id}} is “{{current}}”, not this row's “{{row}}”: does the id column hold running numbers? The import never moves a building or changes its address; check the ids (change an address or area in the app)",
  "plan.createWithdrawn": "A new building cannot be marked withdrawn",
  "plan.withdrawnDates": "The building is withdrawn: its stage dates cannot change",
  "plan.noteWithoutCategory": "A blocker note without a blocker category",
  "plan.versionChanged":
    "The building has changed since the export (version {{fileVersion}} in the file, now {{current}}): export again and edit this row there",
  "plan.noVersionColumn":
    "The file has no “版本” (version) column, so it cannot tell whether this row changed after the export: export the ledger, edit the exported file and import that",
  "plan.changedSinceExport": "The building has changed since the export ({{at}}): export again and edit this row there",
  "plan.addressRepeated": "The same address as row {{row}}",
  "plan.addressTakenUseId":
    "This address is registered as building {{id}}: to change that building, put {{id}} in the id column",
  "plan.addressTaken": "This address is registered as building {{id}}",

  "import.absentBuildings":
    "Buildings of “{{area}}” not in the file ({{count}}; the import does not delete them): {{listed}}{{more}}",
  "import.absentBuilding": "no. {{id}} “{{address}}”",
  "import.andMore": " and more",
  "import.othersPreview": "You may see only the imports you uploaded",
  "import.othersCommit": "You may commit only the imports you uploaded",
  "import.committedAt": "This import was already committed at {{at}}",
  "import.committed": "This import was already committed",
  "import.hasErrors": "The import file has {{count}} errors; correct the file and upload it again",
  "import.hasErrorsShort": "The preview has errors",
  "import.unchanged": "The file matches the current data: there is nothing to import",
  "import.unchangedShort": "No changes",
  "import.reasonNeeded":
    "The import moves stage dates earlier, clears dates or withdraws or restores buildings: give a reason",
  "import.changedSincePreview":
    "{{count}} buildings were changed by others after the preview (rows {{rows}}); nothing was imported: upload the file again for a fresh preview",
  "import.addressTakenSincePreview":
    "Addresses were registered after the preview (ids {{ids}}); nothing was imported: upload the file again",
};
