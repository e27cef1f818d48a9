//go:build !unix

package cli

// oNoFollow is 0 where the platform has no O_NOFOLLOW; refuseSymlink checks instead.
const oNoFollow = 0
