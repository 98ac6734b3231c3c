package main

import (
	"bytes"
	"compress/gzip"
	"io"
)

// gunzip decodes a gzip body, or returns it as-is when it is not gzip.
func gunzip(b []byte) ([]byte, error) {
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		return b, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
