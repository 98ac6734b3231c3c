package vault_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"ignition/app/apptest"
	"ignition/app/vault"
	"ignition/app/vaulttest"
)

type rotation struct {
	KID     string `json:"kid"`
	NextKID string `json:"next_kid"`
	Total   int    `json:"total"`
	Left    int    `json:"left"`
}

type staleRecord struct {
	Kind   string            `json:"kind"`
	ID     string            `json:"id"`
	Fields map[string]string `json:"fields"`
}

// envelopes reads a table's envelopes of one record, by column.
func envelopes(t *testing.T, env *apptest.Env, table, id string, cols ...string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, col := range cols {
		var raw []byte
		if err := env.Pool.QueryRow(t.Context(), `SELECT `+col+` FROM `+table+` WHERE id = $1`, id).Scan(&raw); err != nil {
			t.Fatal(err)
		}
		var e map[string]any
		if err := json.Unmarshal(raw, &e); err != nil {
			t.Fatal(err)
		}
		out[col] = e
	}
	return out
}

func TestRotationRewrapsEveryEnvelopeAndReplacesEveryKey(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("rotate@example.com", "")
	i := vaulttest.SetUp(t, c)
	writePrivate(t, env, c, "rotate@example.com")
	note := uuid.NewString()
	c.Post("/infobase").Form("record_id", note, "title", vaulttest.Envelope(8), "body", vaulttest.Envelope(20), "private_tags", vaulttest.Envelope(5)).Do().AssertRedirect("/infobase/" + note + "?done=created")
	if _, err := env.Pool.Exec(t.Context(), `UPDATE memos SET manifest = $1, completed_at = now()`, vaulttest.Envelope(100)); err != nil {
		t.Fatal(err)
	}
	_, keyCred := addPasskey(t, env, "rotate@example.com", "Laptop", true)
	k := i.Key(keyCred, 1)
	delete(k, "lookup")
	c.Post("/vault/keys/passkey").JSON(map[string]any{"passkey_id": passkeyID(t, env, "Laptop"), "proof": i.Proof, "key": k}).Do().AssertStatus(http.StatusOK)
	other := env.SignIn("bystander@example.com", "")
	vaulttest.SetUp(t, other)
	otherIdea := uuid.NewString()
	other.Post("/ideas").Form("record_id", otherIdea, "title", vaulttest.Envelope(5)).Do().AssertRedirect("/ideas?done=saved")
	second := env.SignIn("rotate@example.com", "") // another device, unlocked
	second.Post("/vault/unlock").JSON(map[string]string{"proof": i.Proof}).Do().AssertStatus(http.StatusOK)

	c.Get("/vault/rotation").Do().AssertStatus(http.StatusNotFound)
	c.Get("/vault/rotation/records").Do().AssertStatus(http.StatusNotFound)
	page := c.Get(vault.RotateURL).Do().AssertStatus(http.StatusOK)
	page.AssertText("#vault-rotate", "5 records").AssertText("#vault-rotate-form button", "Rotate the key")
	if kid, _ := page.Attr("#vault-rotate", "data-next-kid"); kid != "k2" {
		t.Errorf("the page names the next key %q, want k2", kid)
	}

	// Start: refused with a wrong proof, a wrong key ID or a bad blob.
	rkey := func() map[string]any { k := i.Key("rotation", 1); delete(k, "lookup"); return k }
	nextProof := vaulttest.Random(32)
	start := func(proof, kid string, key map[string]any) *apptest.Response {
		return c.Post("/vault/rotation").JSON(map[string]any{"proof": proof, "next_kid": kid, "next_proof": nextProof, "key": key}).Do()
	}
	start(vaulttest.Random(32), "k2", rkey()).AssertStatus(http.StatusForbidden)
	start(i.Proof, "k1", rkey()).AssertStatus(http.StatusBadRequest)
	start(i.Proof, "k2", i.Key("passphrase", 1)).AssertStatus(http.StatusBadRequest)
	var r rotation
	vaulttest.Decode(t, start(i.Proof, "k2", rkey()).AssertStatus(http.StatusOK), &r)
	if r.KID != "k1" || r.NextKID != "k2" || r.Total != 5 || r.Left != 5 {
		t.Fatalf("started %+v", r)
	}
	start(i.Proof, "k2", rkey()).AssertStatus(http.StatusConflict)
	if !i.Unlocked(false) {
		t.Error("the rotating session was locked")
	}
	var state struct{ Unlocked bool }
	vaulttest.Decode(t, second.Post("/vault/state").JSON(map[string]bool{"active": true}).Do(), &state)
	if state.Unlocked {
		t.Error("another device stayed unlocked through the start of a rotation")
	}
	var answer struct {
		Rotation *rotation `json:"rotation"`
	}
	vaulttest.Decode(t, c.Get("/vault/keys/passphrase").Do().AssertStatus(http.StatusOK), &answer)
	if answer.Rotation == nil || answer.Rotation.NextKID != "k2" {
		t.Errorf("an unlock during the rotation does not learn of it: %+v", answer.Rotation)
	}
	c.Get(vault.RotateURL).Do().AssertText("#vault-rotate-pending", "0 of 5 records done").AssertText("#vault-rotate-form button", "Continue the rotation")

	// New writes take the new key only.
	fresh := uuid.NewString()
	c.Post("/ideas").Form("record_id", fresh, "title", vaulttest.Envelope(5)).Do().AssertStatus(http.StatusBadRequest)
	c.Post("/ideas").Form("record_id", fresh, "title", vaulttest.EnvelopeUnder("k2", 5)).Do().AssertRedirect("/ideas?done=saved")

	// The records under the old key, their fields under it only.
	var listed struct{ Records []staleRecord }
	vaulttest.Decode(t, c.Get("/vault/rotation/records").Do().AssertStatus(http.StatusOK), &listed)
	kinds := map[string]int{}
	for _, rec := range listed.Records {
		kinds[rec.Kind] += len(rec.Fields)
		if rec.ID == fresh || rec.ID == otherIdea {
			t.Errorf("listed %s, which is not under the old key of this user", rec.ID)
		}
	}
	if kinds["idea"] != 1 || kinds["journal"] != 1 || kinds["infobase"] != 5 || kinds["memo"] != 1 || len(listed.Records) != 5 {
		t.Fatalf("listed fields by kind %v in %d records", kinds, len(listed.Records))
	}

	// Refused: a kind or field that does not exist, a malformed wrapped DEK.
	type change struct {
		Old  string `json:"old"`
		WDEK string `json:"wdek"`
	}
	post := func(recs ...map[string]any) *apptest.Response {
		return c.Post("/vault/rotation/records").JSON(map[string]any{"records": recs}).Do()
	}
	rec0 := listed.Records[0]
	post(map[string]any{"kind": "secret", "id": rec0.ID, "fields": map[string]change{"title": {vaulttest.Random(60), vaulttest.Random(60)}}}).AssertStatus(http.StatusBadRequest)
	post(map[string]any{"kind": "idea", "id": rec0.ID, "fields": map[string]change{"kid": {vaulttest.Random(60), vaulttest.Random(60)}}}).AssertStatus(http.StatusBadRequest)
	post(map[string]any{"kind": "idea", "id": rec0.ID, "fields": map[string]change{"title": {vaulttest.Random(60), vaulttest.Random(12)}}}).AssertStatus(http.StatusBadRequest)
	// Changes nothing: a wrapped DEK that is not the field's (saved
	// meanwhile), another user's record.
	var p rotation
	vaulttest.Decode(t, post(map[string]any{"kind": "idea", "id": otherIdea, "fields": map[string]change{"title": {vaulttest.Random(60), vaulttest.Random(60)}}}).AssertStatus(http.StatusOK), &p)
	if p.Left != 5 {
		t.Errorf("another user's record counted: %d left", p.Left)
	}
	var before map[string]map[string]any
	var all []map[string]any
	for _, rec := range listed.Records {
		fields := map[string]change{}
		for f, raw := range rec.Fields {
			var e map[string]any
			_ = json.Unmarshal([]byte(raw), &e)
			fields[f] = change{Old: e["wdek"].(string), WDEK: vaulttest.Random(60)}
		}
		if rec.ID == note {
			before = envelopes(t, env, "infobase_entries", rec.ID, "title", "body", "private_tags")
			wrong := map[string]change{"title": {vaulttest.Random(60), vaulttest.Random(60)}}
			vaulttest.Decode(t, post(map[string]any{"kind": rec.Kind, "id": rec.ID, "fields": wrong}).AssertStatus(http.StatusOK), &p)
			if got := envelopes(t, env, "infobase_entries", rec.ID, "title"); got["title"]["wdek"] != before["title"]["wdek"] {
				t.Error("a wrapped DEK that was not the field's replaced it")
			}
		}
		all = append(all, map[string]any{"kind": rec.Kind, "id": rec.ID, "fields": fields})
	}
	// A locked session cannot re-wrap.
	second.Post("/vault/rotation/records").JSON(map[string]any{"records": all}).Do().AssertStatus(http.StatusLocked)

	finishReq := func(proof string) map[string]any {
		return map[string]any{"next_proof": proof, "passphrase": i.Key("passphrase", 1), "recovery": i.Recovery()}
	}
	c.Post("/vault/rotation/finish").JSON(finishReq(nextProof)).Do().AssertStatus(http.StatusConflict)

	vaulttest.Decode(t, post(all...).AssertStatus(http.StatusOK), &p)
	if p.Left != 0 || p.Total != 6 {
		t.Fatalf("after re-wrapping every field: %+v", p)
	}
	for _, rec := range listed.Records {
		if rec.ID != note {
			continue
		}
		after := envelopes(t, env, "infobase_entries", rec.ID, "title", "body", "private_tags")
		for col, e := range after {
			if e["kid"] != "k2" || e["iv"] != before[col]["iv"] || e["ct"] != before[col]["ct"] || e["wdek"] == before[col]["wdek"] {
				t.Errorf("%s after the re-wrap: %v, before %v", col, e, before[col])
			}
		}
	}
	vaulttest.Decode(t, c.Get("/vault/rotation/records").Do().AssertStatus(http.StatusOK), &listed)
	if len(listed.Records) != 0 {
		t.Errorf("%d records still listed", len(listed.Records))
	}

	// Finish: the new key's proof, then every wrapped KEK is new.
	c.Post("/vault/rotation/finish").JSON(finishReq(vaulttest.Random(32))).Do().AssertStatus(http.StatusForbidden)
	c.Post("/vault/rotation/finish").JSON(map[string]any{"next_proof": nextProof, "passphrase": i.Key("passphrase", 1)}).Do().AssertStatus(http.StatusBadRequest)
	c.Post("/vault/rotation/finish").JSON(finishReq(nextProof)).Do().AssertStatus(http.StatusOK)
	var kid string
	var keys, passkeys int
	if err := env.Pool.QueryRow(t.Context(), `SELECT v.kid, (SELECT count(*) FROM vault_keys k WHERE k.user_id = v.user_id),
		(SELECT count(*) FROM vault_keys k WHERE k.user_id = v.user_id AND k.kind = 'passkey')
		FROM vaults v JOIN users u ON u.id = v.user_id WHERE u.email = 'rotate@example.com' AND v.next_kid IS NULL`).Scan(&kid, &keys, &passkeys); err != nil {
		t.Fatal(err)
	}
	if kid != "k2" || keys != 11 || passkeys != 0 {
		t.Errorf("after the rotation: kid %s, %d keys, %d passkey keys", kid, keys, passkeys)
	}
	c.Post("/vault/rotation/finish").JSON(finishReq(nextProof)).Do().AssertStatus(http.StatusNotFound)
	c.Post("/vault/unlock").JSON(map[string]string{"proof": i.Proof}).Do().AssertStatus(http.StatusForbidden)
	c.Post("/vault/unlock").JSON(map[string]string{"proof": nextProof}).Do().AssertStatus(http.StatusOK)
	c.Post("/ideas").Form("record_id", uuid.NewString(), "title", vaulttest.EnvelopeUnder("k2", 5)).Do().AssertRedirect("/ideas?done=saved")
	c.Get(vault.URL+"?done=rotated").Do().AssertText(".alert-ok", "new key")
	other.Get("/vault/rotation").Do().AssertStatus(http.StatusNotFound)
}

// passkeyID is the row ID of the passkey named name.
func passkeyID(t *testing.T, env *apptest.Env, name string) string {
	t.Helper()
	var id string
	if err := env.Pool.QueryRow(t.Context(), `SELECT id::text FROM passkeys WHERE name = $1`, name).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestRotationRefusesWhatTheIslandNeverSends: malformed, hostile or
// oversized bodies, with or without a vault or a rotation under way, get a
// 4xx and change nothing; never a 500.
func TestRotationRefusesWhatTheIslandNeverSends(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	none := env.SignIn("no-vault@example.com", "")
	c := env.SignIn("hostile-rotate@example.com", "")
	i := vaulttest.SetUp(t, c)
	bodies := []string{"", "null", "[]", "{", `"x"`, `{"records": "x"}`, `{"records": [{"kind": "idea", "id": "x", "fields": {"title": {"old": 1}}}]}`,
		`{"proof": {}, "next_kid": ["k2"], "key": "x"}`, `{"next_proof": "` + vaulttest.Random(32) + `", "passphrase": null, "recovery": [null]}`,
		`{"records": [` + strings.Repeat(`{"kind": "idea", "id": "`+uuid.NewString()+`", "fields": {}},`, 60) + `{}]}`,
		`{"pad": "` + strings.Repeat("a", 70<<10) + `"}`}
	paths := []string{"/vault/rotation", "/vault/rotation/records", "/vault/rotation/finish"}
	try := func(who *apptest.Client) {
		for _, p := range paths {
			for _, b := range bodies {
				resp := who.Post(p).Header("Content-Type", "application/json").Header("Accept", "application/json").Header("X-CSRF-Token", who.CSRF()).RawBody(b).Do()
				if resp.StatusCode < 400 || resp.StatusCode >= 500 || resp.StatusCode == http.StatusForbidden && strings.Contains(string(resp.Body), "CSRF") {
					t.Errorf("POST %s %.60q: %d", p, b, resp.StatusCode)
				}
			}
		}
	}
	try(none)
	try(c)
	rkey := i.Key("rotation", 1)
	delete(rkey, "lookup")
	c.Post("/vault/rotation").JSON(map[string]any{"proof": i.Proof, "next_kid": "k2", "next_proof": vaulttest.Random(32), "key": rkey}).Do().AssertStatus(http.StatusOK)
	try(c)
	var kid string
	if err := env.Pool.QueryRow(t.Context(), `SELECT kid FROM vaults`).Scan(&kid); err != nil || kid != "k1" {
		t.Errorf("the vault's key is %q (%v) after hostile requests", kid, err)
	}
}
