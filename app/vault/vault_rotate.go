package vault

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/labstack/echo/v4"

	"ignition/app/live"
	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/vault"
)

// A KEK rotation (E2EE.md): the island makes a new KEK, wraps it under a
// key derived from the current one and starts the rotation; then it
// re-wraps every envelope's DEK under the new KEK, a page of records at a
// time (the server swaps only each envelope's wdek and kid, so no content
// is re-encrypted, and a field saved meanwhile is never given another
// field's DEK); then it finishes with the new KEK wrapped under a
// passphrase and new recovery codes, which replace every old wrapped KEK.
// Any device that unlocks meanwhile can continue it.

// RotateURL is the page that rotates the vault's key.
const RotateURL = URL + "/rotate"

// Rotation is the kind of the new KEK's wrapped blob during a rotation.
const Rotation = "rotation"

// rotationPage is how many records one page of a rotation re-wraps.
const rotationPage = 50

// errRotation is a rotation step out of turn: none under way, or one
// already started, or records still under the old key at the finish.
var errRotation = errors.New("vault: rotation out of turn")

// nextKID is the ID of the KEK after kid: k1, k2, k3…
func nextKID(kid string) string {
	n, err := strconv.Atoi(strings.TrimPrefix(kid, "k"))
	if !strings.HasPrefix(kid, "k") || err != nil || n < 1 {
		return "k2"
	}
	return "k" + strconv.Itoa(n+1)
}

// sealingKID is the key ID new envelopes must carry: the next KEK's while
// a rotation is under way, so none is left under the old one.
func sealingKID(vault db.GetVaultRow) string {
	if vault.NextKid.Valid {
		return vault.NextKid.String
	}
	return vault.Kid
}

// rotationAnswer is a rotation under way, as the island continues it.
type rotationAnswer struct {
	KID     string          `json:"kid"`      // the current KEK's
	NextKID string          `json:"next_kid"` // the new KEK's
	Salt    string          `json:"salt"`
	Blob    json.RawMessage `json:"blob"` // the new KEK, wrapped under HKDF(current KEK, salt)
	Total   int             `json:"total"`
	Left    int             `json:"left"` // records with a field still under the current KEK
}

// rotationOf is the vault's rotation under way, or nil.
func rotationOf(vault db.GetVaultRow) *rotationAnswer {
	if !vault.NextKid.Valid {
		return nil
	}
	return &rotationAnswer{KID: vault.Kid, NextKID: vault.NextKid.String, Salt: b64.EncodeToString(vault.NextSalt), Blob: vault.NextBlob}
}

// staleWhere matches a record of user $1 with a field still under the
// vault's current KEK.
func staleWhere(k module.Sealed) string {
	conds := make([]string, len(k.Fields))
	for i, f := range k.Fields {
		conds[i] = pgx.Identifier{f}.Sanitize() + "->>'kid' = current.kid"
	}
	return "user_id = $1 AND (" + strings.Join(conds, " OR ") + ")"
}

// fromStale is the FROM clause staleWhere reads: the kind's table beside
// the user's vault.
func fromStale(k module.Sealed) string {
	return pgx.Identifier{k.Table}.Sanitize() + ", (SELECT kid FROM vaults WHERE user_id = $1) AS current"
}

// rotated lists the kinds whose envelopes a rotation re-wraps.
func (h *Handler) rotated() []module.Sealed {
	var out []module.Sealed
	for _, k := range h.sealed() {
		if k.Table != "" && len(k.Fields) > 0 {
			out = append(out, k)
		}
	}
	return out
}

// queueProgress adds to b how many records of each kind the user has and
// how many still have a field under the current KEK; what it returns sums
// them.
func (h *Handler) queueProgress(b *store.Batch, user uuid.UUID) func() (total, left int) {
	kinds := h.rotated()
	totals := make([]func() int, len(kinds))
	lefts := make([]int32, len(kinds))
	for i, k := range kinds {
		totals[i] = k.Count(b, user)
		store.One(b, "SELECT count(*)::integer FROM "+fromStale(k)+" WHERE "+staleWhere(k), &lefts[i], user)
	}
	return func() (total, left int) {
		for i := range kinds {
			total, left = total+totals[i](), left+int(lefts[i])
		}
		return total, left
	}
}

// rotationShow answers the rotation under way, for a device continuing it.
func (h *Handler) rotationShow(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	vault, ok, err := h.viewerVault(c)
	if !ok {
		return err
	}
	r := rotationOf(vault)
	if r == nil {
		return web.Problem(c, http.StatusNotFound, "No rotation is under way.")
	}
	var b store.Batch
	progress := h.queueProgress(&b, v.ID)
	if err := b.Send(ctx, h.pool); err != nil {
		return fmt.Errorf("vault: unable to count the rotation of %s: %w", v.ID, err)
	}
	r.Total, r.Left = progress()
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, r)
}

// rotationStartRequest starts a rotation: the proof of the current KEK, the
// new KEK's unlock proof, and the new KEK wrapped under the current one.
type rotationStartRequest struct {
	Proof     string `json:"proof"`
	NextKID   string `json:"next_kid"`
	NextProof string `json:"next_proof"`
	Key       key    `json:"key"`
}

// rotationStart starts a rotation; the vault locks on every other device
// (their tabs do not hold the new KEK), this session stays unlocked.
func (h *Handler) rotationStart(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	var r rotationStartRequest
	err := bind(c, &r)
	var vault db.GetVaultRow
	if err == nil {
		vault, err = proven(ctx, h.q, v.ID, r.Proof)
	}
	var nextProof, salt, blob []byte
	if err == nil && r.NextKID != nextKID(vault.Kid) {
		err = errShape
	}
	if err == nil {
		nextProof, err = bytesOf(r.NextProof, 32)
	}
	if err == nil {
		salt, _, blob, err = r.Key.check(v.ID, vault.ID, int(vault.PolicyVersion), Rotation)
	}
	if done, answer := refuse(c, err); done {
		return answer
	}
	if err != nil {
		return fmt.Errorf("vault: unable to start a rotation for %s: %w", v.ID, err)
	}
	now := lockTime(web.Calendar(c).Now)
	hash := sha256.Sum256(nextProof)
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
		n, err := q.StartRotation(ctx, db.StartRotationParams{UserID: v.ID, NextKid: pgText(r.NextKID), NextProofHash: hash[:], NextSalt: salt, NextBlob: blob, Now: now})
		if err == nil && n == 0 {
			return errRotation
		}
		if err != nil {
			return err
		}
		return live.Announce(ctx, q, v.ID, live.Vault)
	})
	if errors.Is(err, errRotation) {
		return web.Problem(c, http.StatusConflict, "A rotation is already under way: continue it.")
	}
	if err == nil {
		err = markActive(c, now.Add(time.Microsecond))
	}
	if err != nil {
		return fmt.Errorf("vault: unable to start a rotation for %s: %w", v.ID, err)
	}
	return h.rotationShow(c)
}

// staleRecord is one record with fields under the current KEK, as the
// island re-wraps them.
type staleRecord struct {
	Kind   string            `json:"kind"`
	ID     string            `json:"id"`
	Fields map[string]string `json:"fields"` // field → envelope
}

// rotationRecords lists the next page of records with fields under the
// current KEK (those already re-wrapped no longer match).
func (h *Handler) rotationRecords(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	vault, ok, err := h.viewerVault(c)
	if !ok {
		return err
	}
	if !vault.NextKid.Valid {
		return web.Problem(c, http.StatusNotFound, "No rotation is under way.")
	}
	kinds := h.rotated()
	var b store.Batch
	pages := make([][]staleRow, len(kinds))
	for i, k := range kinds {
		fields := make([]string, len(k.Fields))
		for j, f := range k.Fields {
			fields[j] = "'" + f + "', " + pgx.Identifier{f}.Sanitize()
		}
		store.Many(&b, "SELECT id::text AS id, jsonb_build_object("+strings.Join(fields, ", ")+") AS fields FROM "+
			fromStale(k)+" WHERE "+staleWhere(k)+" ORDER BY id LIMIT $2", &pages[i], v.ID, rotationPage)
	}
	if err := b.Send(ctx, h.pool); err != nil {
		return fmt.Errorf("vault: unable to list the records to re-wrap of %s: %w", v.ID, err)
	}
	out := struct {
		Records []staleRecord `json:"records"`
	}{Records: []staleRecord{}}
	for i, k := range kinds {
		for _, row := range pages[i] {
			if len(out.Records) == rotationPage {
				break
			}
			rec := staleRecord{Kind: k.Kind, ID: row.ID, Fields: map[string]string{}}
			for f, env := range row.Fields {
				if env != nil && env.KID == vault.Kid { // nil: a field left empty
					raw, _ := json.Marshal(env)
					rec.Fields[f] = string(raw)
				}
			}
			out.Records = append(out.Records, rec)
		}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

// staleRow is a record's envelopes as a rotation reads them.
type staleRow struct {
	ID     string               `db:"id"`
	Fields map[string]*envelope `db:"fields"`
}

// rewrapRequest is a page of re-wrapped DEKs: for each field, the wrapped
// DEK it had (so a field saved meanwhile is left alone) and the new one.
type rewrapRequest struct {
	Records []struct {
		Kind   string `json:"kind"`
		ID     string `json:"id"`
		Fields map[string]struct {
			Old  string `json:"old"`
			WDEK string `json:"wdek"`
		} `json:"fields"`
	} `json:"records"`
}

// rotationRewrap swaps the wrapped DEKs of a page of records; each
// envelope keeps its iv and ciphertext and takes the new KEK's ID.
func (h *Handler) rotationRewrap(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	unlocked, err := Unlocked(c, h.q, h.idle)
	if err != nil {
		return fmt.Errorf("vault: unable to read the lock state: %w", err)
	}
	if !unlocked {
		return web.Problem(c, http.StatusLocked, "Your vault is locked. Unlock it to continue the rotation.")
	}
	var r rewrapRequest
	err = bind(c, &r)
	vault, lerr := load(ctx, h.q, v.ID)
	if err == nil {
		err = lerr
	}
	if err == nil && !vault.NextKid.Valid {
		return web.Problem(c, http.StatusNotFound, "No rotation is under way.")
	}
	if err == nil && (len(r.Records) == 0 || len(r.Records) > rotationPage) {
		err = errShape
	}
	kinds := map[string]module.Sealed{}
	for _, k := range h.rotated() {
		kinds[k.Kind] = k
	}
	var b store.Batch
	for i := 0; err == nil && i < len(r.Records); i++ {
		rec := r.Records[i]
		k, ok := kinds[rec.Kind]
		id, perr := uuid.Parse(rec.ID)
		if !ok || perr != nil || len(rec.Fields) == 0 {
			err = errShape
			break
		}
		for f, w := range rec.Fields {
			_, oerr := bytesOf(w.Old, 12+32+16)
			_, nerr := bytesOf(w.WDEK, 12+32+16)
			if !slices.Contains(k.Fields, f) || oerr != nil || nerr != nil {
				err = errShape
				break
			}
			col := pgx.Identifier{f}.Sanitize()
			store.Exec(&b, "UPDATE "+pgx.Identifier{k.Table}.Sanitize()+" SET "+col+" = jsonb_set(jsonb_set("+col+", '{wdek}', to_jsonb($4::text)), '{kid}', to_jsonb($5::text))"+
				" WHERE user_id = $1 AND id = $2 AND "+col+"->>'kid' = $6 AND "+col+"->>'wdek' = $3", v.ID, id, w.Old, w.WDEK, vault.NextKid.String, vault.Kid)
		}
	}
	if done, answer := refuse(c, err); done {
		return answer
	}
	if err != nil {
		return fmt.Errorf("vault: unable to re-wrap records of %s: %w", v.ID, err)
	}
	progress := h.queueProgress(&b, v.ID) // read after the updates, in the batch's one transaction
	if err := b.Send(ctx, h.pool); err != nil {
		return fmt.Errorf("vault: unable to re-wrap records of %s: %w", v.ID, err)
	}
	total, left := progress()
	return c.JSON(http.StatusOK, map[string]int{"total": total, "left": left})
}

// rotationFinishRequest finishes a rotation: the new KEK's unlock proof,
// and the new KEK wrapped under a passphrase and new recovery codes.
type rotationFinishRequest struct {
	NextProof  string `json:"next_proof"`
	Passphrase key    `json:"passphrase"`
	Recovery   []key  `json:"recovery"`
}

// rotationFinish makes the new KEK the vault's once no record is left
// under the old one. Every old wrapped KEK goes: the passphrase's and the
// codes' are replaced, passkeys must be turned on again. The vault locks on
// every other device.
func (h *Handler) rotationFinish(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	var r rotationFinishRequest
	err := bind(c, &r)
	now := lockTime(web.Calendar(c).Now)
	left := 0
	if err == nil {
		err = pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
			left, err = h.finish(ctx, tx, v.ID, r, now)
			return err
		})
	}
	if errors.Is(err, errRotation) && left > 0 {
		return c.JSON(http.StatusConflict, map[string]any{"error": "Some records are still under the old key: continue the rotation.", "left": left})
	}
	if errors.Is(err, errRotation) {
		return web.Problem(c, http.StatusNotFound, "No rotation is under way.")
	}
	if done, answer := refuse(c, err); done {
		return answer
	}
	if err == nil {
		err = markActive(c, now.Add(time.Microsecond))
	}
	if err != nil {
		return fmt.Errorf("vault: unable to finish the rotation of %s: %w", v.ID, err)
	}
	return c.JSON(http.StatusOK, map[string]string{"redirect": URL + "?done=rotated"})
}

// finish is rotationFinish's transaction; it returns how many records are
// still under the old key when that is why it refuses.
func (h *Handler) finish(ctx context.Context, tx pgx.Tx, user uuid.UUID, r rotationFinishRequest, now time.Time) (int, error) {
	q := db.New(tx)
	vault, err := q.GetVaultForUpdate(ctx, user)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, ErrNoVault
	}
	if err != nil {
		return 0, err
	}
	if !vault.NextKid.Valid {
		return 0, errRotation
	}
	proof, err := bytesOf(r.NextProof, 32)
	if err != nil {
		return 0, err
	}
	if sum := sha256.Sum256(proof); subtle.ConstantTimeCompare(sum[:], vault.NextProofHash) != 1 {
		return 0, errProof
	}
	policy := int(vault.PolicyVersion)
	if _, _, _, err := r.Passphrase.check(user, vault.ID, policy, Passphrase); err != nil {
		return 0, err
	}
	if err := checkRecovery(r.Recovery, user, vault.ID, policy); err != nil {
		return 0, err
	}
	var b store.Batch
	progress := h.queueProgress(&b, user)
	if err := b.Send(ctx, tx); err != nil {
		return 0, err
	}
	if _, left := progress(); left > 0 {
		return left, errRotation
	}
	if err := q.DeleteVaultKeys(ctx, user); err != nil {
		return 0, err
	}
	for _, k := range append([]key{r.Passphrase}, r.Recovery...) {
		if err := putKey(ctx, q, user, vault.ID, policy, kindOf(k.CredentialID), k); err != nil {
			return 0, err
		}
	}
	if _, err := q.FinishRotation(ctx, db.FinishRotationParams{UserID: user, NextKid: vault.NextKid, Now: now}); err != nil {
		return 0, err
	}
	return 0, live.Announce(ctx, q, user, live.Vault)
}

func pgText(s string) pgtype.Text { return pgtype.Text{String: s, Valid: true} }

// lockTime is now as Postgres keeps it (microseconds), so a session marked
// active a microsecond later is unlocked after the lock.
func lockTime(now time.Time) time.Time { return now.Truncate(time.Microsecond) }

// rotatePage is Settings → Vault → Rotate: what a rotation does, how far
// one under way has come, and the form that starts or continues it.
func (h *Handler) rotatePage(c echo.Context) error {
	v := web.CurrentViewer(c)
	var b store.Batch
	var vault db.GetVaultRow
	var exists bool
	store.Maybe(&b, db.GetVault, &vault, &exists, v.ID)
	progress := h.queueProgress(&b, v.ID)
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("vault: unable to load the rotation of %s: %w", v.ID, err)
	}
	if !exists {
		return web.Redirect(c, URL)
	}
	total, left := progress()
	page := views.RotateData{UserID: v.ID.String(), VaultID: vault.ID.String(), KID: vault.Kid, NextKID: nextKID(vault.Kid),
		Policy: int(vault.PolicyVersion), MinLength: MinPassphrase, Codes: RecoveryCodes, Total: total, Left: left}
	if vault.NextKid.Valid {
		page.NextKID, page.Pending, page.StartedAt = vault.NextKid.String, true, web.LocalTime(c, vault.RotationStartedAt.Time)
	}
	return web.Render(c, http.StatusOK, "Rotate the vault's key", views.Rotate(page))
}
