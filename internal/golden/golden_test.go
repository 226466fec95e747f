package golden

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEncodeDecode(t *testing.T) {
	for _, tc := range []struct{ name, data string }{
		{"a", "x\n"},
		{"a", "x"},
		{"a", ""},
		{"a", "trailing  \nend$\n"},
		{"a.crlf", "one\r\ntwo\r\n"},
		{"a.crlf", "one\r\ntwo"},
		{"a", "\n\n"},
	} {
		enc := encode(tc.name, []byte(tc.data))
		assert.Equal(t, tc.data, string(decode(tc.name, enc)), "round trip of %q via %q", tc.data, enc)
	}
	assert.Equal(t, "a $\n", string(encode("x", []byte("a \n"))))
	assert.Equal(t, "x\n\\ No newline at end of file\n", string(encode("x", []byte("x"))))
}
