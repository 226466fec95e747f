package liquid_test

import (
	"fmt"

	"github.com/tiptapmd/tiptapmd/internal/liquid"
)

func ExampleNext() {
	s := `<a href="{{ site.baseurl }}/contact">{% if x %}Contact{% endif %}</a>`
	for s != "" {
		i, j := liquid.Next(s)
		if i < 0 {
			break
		}
		fmt.Println(s[i:j])
		s = s[j:]
	}
	// Output:
	// {{ site.baseurl }}
	// {% if x %}
	// {% endif %}
}

func ExampleEnd() {
	fmt.Println(liquid.End("{{ page.title }} and more", 0))
	fmt.Println(liquid.End("{{ not closed\n}}", 0))
	// Output:
	// 16
	// -1
}
