export { findFreePort } from '../../tools/services/free_port';
