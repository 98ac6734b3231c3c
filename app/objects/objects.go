// Package objects is the S3-compatible object store the browser uploads
// encrypted files to. The server chooses every key and signs short-lived
// URLs for exactly one object and, for an upload, exactly one length; it
// never reads or writes the content itself (ciphertext only).
package objects

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/cors"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"ignition/app/config"
)

// URLTTL is how long a signed URL works.
const URLTTL = 15 * time.Minute

// ErrUnavailable is the store not answering (down, slow, refusing).
var ErrUnavailable = errors.New("objects: the object store is unavailable")

// ErrMissing is an object that is not there (an upload never finished).
var ErrMissing = errors.New("objects: no such object")

// Store is the app's bucket.
type Store struct {
	internal *minio.Client // what the server calls
	public   *minio.Client // signs URLs for the host browsers reach
	bucket   string
	timeout  time.Duration
}

// Open connects to the configured store; nil when none is configured.
func Open(cfg config.S3) (*Store, error) {
	if !cfg.Enabled() {
		return nil, nil
	}
	client := func(u *url.URL) (*minio.Client, error) {
		return minio.New(u.Host, &minio.Options{
			Creds:        credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
			Secure:       u.Scheme == "https",
			Region:       cfg.Region, // known: signing needs no lookup
			BucketLookup: minio.BucketLookupPath,
			MaxRetries:   1,
		})
	}
	internal, err := client(cfg.Endpoint)
	if err != nil {
		return nil, fmt.Errorf("objects: %w", err)
	}
	public, err := client(cfg.PublicEndpoint)
	if err != nil {
		return nil, fmt.Errorf("objects: %w", err)
	}
	return &Store{internal: internal, public: public, bucket: cfg.Bucket, timeout: cfg.Timeout}, nil
}

func (s *Store) call(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.timeout)
}

// unavailable maps a failed call: a missing object, or the store away.
func unavailable(err error) error {
	if err == nil {
		return nil
	}
	if minio.ToErrorResponse(err).Code == "NoSuchKey" || minio.ToErrorResponse(err).StatusCode == http.StatusNotFound {
		return ErrMissing
	}
	return fmt.Errorf("%w: %v", ErrUnavailable, err)
}

// Ensure creates the bucket if need be and lets browsers from origin PUT
// and GET its objects (CORS).
func (s *Store) Ensure(ctx context.Context, origin string) error {
	ctx, cancel := s.call(ctx)
	defer cancel()
	exists, err := s.internal.BucketExists(ctx, s.bucket)
	if err != nil {
		return unavailable(err)
	}
	if !exists {
		if err := s.internal.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{}); err != nil {
			return unavailable(err)
		}
	}
	rules := cors.NewConfig([]cors.Rule{{
		AllowedOrigin: []string{origin}, AllowedMethod: []string{http.MethodGet, http.MethodPut},
		AllowedHeader: []string{"*"}, ExposeHeader: []string{"ETag"}, MaxAgeSeconds: 3600,
	}})
	return unavailable(s.internal.SetBucketCors(ctx, s.bucket, rules))
}

// PutURL signs an upload of exactly size bytes to key.
func (s *Store) PutURL(ctx context.Context, key string, size int64) (string, error) {
	h := http.Header{}
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	u, err := s.public.PresignHeader(ctx, http.MethodPut, s.bucket, key, URLTTL, nil, h)
	if err != nil {
		return "", fmt.Errorf("objects: unable to sign an upload: %w", err)
	}
	return u.String(), nil
}

// GetURL signs a download of key.
func (s *Store) GetURL(ctx context.Context, key string) (string, error) {
	u, err := s.public.PresignedGetObject(ctx, s.bucket, key, URLTTL, nil)
	if err != nil {
		return "", fmt.Errorf("objects: unable to sign a download: %w", err)
	}
	return u.String(), nil
}

// Size is the stored size of key: ErrMissing when it is not there.
func (s *Store) Size(ctx context.Context, key string) (int64, error) {
	ctx, cancel := s.call(ctx)
	defer cancel()
	info, err := s.internal.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return 0, unavailable(err)
	}
	return info.Size, nil
}

// DeletePrefix deletes every object whose key starts with prefix.
func (s *Store) DeletePrefix(ctx context.Context, prefix string) error {
	keys, err := s.Keys(ctx, prefix)
	if err != nil || len(keys) == 0 {
		return err
	}
	ctx, cancel := s.call(ctx)
	defer cancel()
	objects := make(chan minio.ObjectInfo, len(keys))
	for _, k := range keys {
		objects <- minio.ObjectInfo{Key: k}
	}
	close(objects)
	for r := range s.internal.RemoveObjects(ctx, s.bucket, objects, minio.RemoveObjectsOptions{}) {
		if r.Err != nil {
			return unavailable(r.Err)
		}
	}
	return nil
}

// Keys lists the keys under prefix, for tests and the janitor's checks.
func (s *Store) Keys(ctx context.Context, prefix string) ([]string, error) {
	ctx, cancel := s.call(ctx)
	defer cancel()
	var out []string
	for o := range s.internal.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if o.Err != nil {
			return nil, unavailable(o.Err)
		}
		out = append(out, o.Key)
	}
	return out, nil
}
