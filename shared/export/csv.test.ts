/** CSV exports open in a spreadsheet as text: no cell runs as a formula, quoting survives a round trip. */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { checkAccount } from "../account/check";
import { newAccount, rep, run } from "../testing/accounts";
import { csvFile, csvLine, csvRows, safeCell } from "./csv";

describe("formula injection", () => {
  it("neutralises every cell a spreadsheet would run as a formula", () => {
    for (const cell of ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]) expect(safeCell(cell)).toBe(`'${cell}`);
    for (const cell of ["Acme", "18400.5", "2026-03-02", "", "a=b", "ana@acme.example"]) expect(safeCell(cell)).toBe(cell);
  });

  it("quotes commas, quotes and line breaks, and reads back as written (formulas as text)", () => {
    const cells = ["Acme, Inc.", 'the "best" deal', "two\nlines", "=1+1", "plain"];
    expect(csvLine(cells)).toBe('"Acme, Inc.","the ""best"" deal","two\nlines",\'=1+1,plain\r\n');
    const parsed = Papa.parse<string[]>(csvFile(["a", "b", "c", "d", "e"], [cells]).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(parsed[1]).toEqual(["Acme, Inc.", 'the "best" deal', "two\nlines", "'=1+1", "plain"]);
  });
});

describe("the exports", () => {
  it("give each account's domain and phone, and the phone and email of its rep and delivery lead (a phone as text, not a formula)", () => {
    let doc = newAccount("Initech");
    doc = run(doc, rep, "setCustomer", { domain: "initech.example", phone: "+1 555 0100" });
    doc = run(doc, rep, "updateOwnerContact", { personId: rep.id, phone: "030 1234567", email: "riley@baton.example" });
    const { header, rows } = csvRows("accounts", [{ documentId: "doc1", account: checkAccount(doc).account }]);
    const row = Object.fromEntries(header.map((h, i) => [h, rows[0]![i]]));
    expect(row).toMatchObject({ Domain: "initech.example", Phone: "+1 555 0100", "Rep phone": "030 1234567", "Rep email": "riley@baton.example", "Delivery lead phone": "", "Delivery lead email": "" });
    const parsed = Papa.parse<string[]>(csvFile(header, rows).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(parsed[1]?.[header.indexOf("Phone")]).toBe("'+1 555 0100");
    // Before anyone sets them: empty cells, not "null".
    const { rows: bare } = csvRows("accounts", [{ documentId: "doc2", account: checkAccount(newAccount("Globex")).account }]);
    expect(bare[0]!.slice(-6)).toEqual(["", "", "", "", "", ""]);
  });


  it("list accounts, commitments and follow-ups, a hostile name neutralised in every row", () => {
    let doc = newAccount('=HYPERLINK("http://evil.example")');
    doc = run(doc, rep, "addCommitment", { id: "c1", text: "@Install by March", by: rep, at: "2026-03-02T09:00:00.000Z", dueDate: "2026-03-31" });
    const accounts = [{ documentId: "doc1", account: checkAccount(doc).account }];
    const all = ["accounts", "commitments", "follow-ups"] as const;
    const files = all.map((k) => {
      const { header, rows } = csvRows(k, accounts);
      return csvFile(header, rows);
    });
    expect(files[0]).toContain(`"'=HYPERLINK(""http://evil.example"")",doc1,follow-up,rep,Riley Rep`);
    expect(files[1]).toContain(`"'=HYPERLINK(""http://evil.example"")",doc1,'@Install by March,,2026-03-31,proposed`);
    expect(files[2]?.split("\r\n")[0]).toBe("\uFEFFAccount,Account id,Purpose,Agreed time (UTC),Time zone,Reason,Outcome,Next step");
    expect(files[0]?.split("\r\n")[0]).toBe(
      "\uFEFFAccount,Account id,Stage,Owner,Rep,Delivery lead,Order reference,Order date,Order value,Currency,Contacts,Open commitments,Paid on,Domain,Phone,Rep phone,Rep email,Delivery lead phone,Delivery lead email",
    );
    for (const f of files) for (const line of f.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean)) expect(Papa.parse<string[]>(line).data[0]?.every((c) => !/^[=+\-@\t\r]/.test(c))).toBe(true);
  });
});
